import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { openDatabase } from '../../db/open-database.js';
import { seedDefaults } from '../../db/seed.js';
import { deliveries, labs, releases, subscriptions, workspaceLabs, workspaces } from '../../db/schema.js';
import { runStart } from '../../src/cli/run-start.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startFakeHub, type FakeHub } from '../fakes/hub/index.js';
import { captureStream } from '../helpers/capture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const GUILD = '1300000000000000001';
const CHANNEL = '1300000000000000002';
const NEVER = '0 0 1 1 *';

let dir: string;
let hub: FakeHub;
let database: TestDatabase | undefined;
let env: Record<string, string>;

async function waitFor(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The database the service will open, opened by the test beforehand (and closed again on PGlite). */
async function withServiceDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = database ?? (await openDatabase({ dataDir: env.DATA_DIR! }));
  // The service seeds the catalog at start; a test database on PostgreSQL is only migrated.
  if (database) await seedDefaults(handle.db);
  try {
    return await work(handle);
  } finally {
    if (!database) await handle.close();
  }
}

/** Runs `floodwatch start`, sends SIGTERM once `ready` holds, and says how long the stop took. */
async function stopWhen(ready: () => boolean, what: string, extraEnv: Record<string, string> = {}) {
  const err = captureStream();
  const signals = new EventEmitter();
  const running = runStart([], { out: captureStream(), err, env: { ...env, ...extraEnv } }, signals);
  await waitFor(ready, what);
  const sent = Date.now();
  signals.emit('SIGTERM');
  const code = await running;
  return { code, stopMs: Date.now() - sent, log: err.text() };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fw-stop-'));
  hub = await startFakeHub();
  database = process.env.FW_TEST_DB === 'postgres' ? await createTestDatabase() : undefined;
  env = {
    HF_ENDPOINT: hub.url,
    DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'info',
    POLL_CRON: NEVER,
    RECONCILE_CRON: NEVER,
    METRICS_CRON: NEVER,
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
  };
});

afterEach(async () => {
  await hub.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('floodwatch start on SIGTERM', () => {
  it('stops within a few seconds while every Hub request hangs', async () => {
    hub.fault({ kind: 'hang', times: 10_000 });

    const { code, stopMs, log } = await stopWhen(() => hub.requests.length > 0, 'the first hung Hub request');

    expect(code).toBe(0);
    expect(stopMs).toBeLessThan(6_000);
    expect(log).toContain('"floodwatch stopped"');
    expect(log).not.toContain('"org poll crashed"');
  }, 60_000);

  describe('with a Discord channel that answers 429 to every post', () => {
    let discord: FakeDiscord;

    beforeEach(async () => {
      discord = await startFakeDiscord({
        guilds: [{ id: GUILD, name: 'Watchers', channels: [{ id: CHANNEL, name: 'alerts' }] }],
      });
      discord.rateLimitNext(new RegExp(`/channels/${CHANNEL}/messages`), { retryAfterSeconds: 5, times: 10_000 });
      // An alert waiting to go out to that channel when the service starts.
      await withServiceDatabase(async ({ db }) => {
        const [lab] = await db.select().from(labs).where(eq(labs.name, 'DeepSeek'));
        await db.insert(workspaces).values({ id: `discord:${GUILD}`, platform: 'discord' });
        await db.insert(workspaceLabs).values({ workspaceId: `discord:${GUILD}`, labId: lab!.id });
        const [sub] = await db
          .insert(subscriptions)
          .values({ workspaceId: `discord:${GUILD}`, platform: 'discord', destination: `discord:${GUILD}:${CHANNEL}` })
          .returning();
        const [release] = await db
          .insert(releases)
          .values({ labId: lab!.id, title: 'deepseek-ai/DeepSeek-V4', firstSeenAt: new Date() })
          .returning();
        await db.insert(deliveries).values({ subscriptionId: sub!.id, releaseId: release!.id });
      });
    });

    afterEach(async () => {
      await discord.close();
    });

    it('stops within a few seconds and leaves the alert queued for later, not claimed', async () => {
      const posts = () =>
        discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL}/messages`);

      const { code, stopMs } = await stopWhen(() => posts().some((r) => r.status === 429), 'a rate-limited post', {
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
      });

      expect(code).toBe(0);
      expect(stopMs).toBeLessThan(6_000);
      const rows = await withServiceDatabase(({ db }) => db.select().from(deliveries));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ state: 'pending', leaseUntil: null, leaseOwner: null });
      expect(posts().filter((r) => r.status === 200)).toHaveLength(0);
    }, 60_000);
  });
});
