import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { openDatabase } from '../../db/open-database.js';
import { deliveries } from '../../db/schema.js';
import { seedDefaults } from '../../db/seed.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { makeRepo, startFakeHub, type FakeHub } from '../fakes/hub/index.js';
import { guildWithChannels, subscribeGuild } from '../helpers/discord-fan-out.js';
import { startService } from '../helpers/service-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

// Discord's global limit (50 requests/s, kept by discord.js) makes this fan-out last several seconds.
const CHANNELS = 400;
const KILLS = 10;
const NEVER = '0 0 1 1 *';
const guild = guildWithChannels(CHANNELS);
let dir: string;
let hub: FakeHub;
let discord: FakeDiscord;
let database: TestDatabase | undefined;
let env: Record<string, string>;

/** The service's database, opened by the test between runs (PGlite is one process's at a time). */
async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = database ?? (await openDatabase({ dataDir: env.DATA_DIR! }));
  try {
    return await work(handle);
  } finally {
    if (!database) await handle.close();
  }
}

const channelsPosted = () => new Set(discord.messages().map((m) => m.channel_id)).size;
const posts = () => discord.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fw-kill-'));
  hub = await startFakeHub();
  hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', createdAt: '2025-01-01T00:00:00Z' }));
  discord = await startFakeDiscord({ guilds: [guild] });
  database = process.env.FW_TEST_DB === 'postgres' ? await createTestDatabase() : undefined;
  env = {
    HF_ENDPOINT: hub.url,
    DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'info',
    POLL_CRON: '* * * * * *',
    RECONCILE_CRON: NEVER,
    METRICS_CRON: NEVER,
    PORT: '0',
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    // A killed process's claims pass on after this (on PGlite at once: the next start frees them).
    DELIVERY_LEASE_SECONDS: '10',
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
  };
  await withDatabase(async ({ db }) => {
    await seedDefaults(db);
    await subscribeGuild(db, guild, ['DeepSeek']);
  });
}, 120_000);

afterAll(async () => {
  await Promise.all([hub.close(), discord.close()]);
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a fan-out cut short by SIGKILL again and again', () => {
  it('posts the release to every channel once when the service is killed at random moments and restarted', async () => {
    const first = startService(env);
    await first.waitForLog(/"tick done"/);
    hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V4', createdAt: '2026-11-27T08:00:00Z' }));
    let service = first;
    const killedAfter: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      // Each kill lands while this process is sending: after one of its posts, then a random wait.
      const before = posts().length;
      const start = Date.now();
      while (posts().length === before && Date.now() - start < 60_000) await new Promise((r) => setTimeout(r, 10));
      const wait = Math.floor(Math.random() * 300);
      await new Promise((r) => setTimeout(r, wait));
      await service.kill('SIGKILL');
      killedAfter.push(channelsPosted());
      service = startService(env);
    }
    const allSent = async () =>
      (await withDatabase(({ db }) => db.select({ state: deliveries.state }).from(deliveries))).every(
        (d) => d.state === 'sent',
      );
    // PGlite: the test may open the database only while no service holds it, so the last run is awaited by its posts.
    const deadline = Date.now() + 120_000;
    while (channelsPosted() < CHANNELS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_000));
    await service.kill('SIGTERM');

    const perChannel = new Map<string, number>();
    for (const message of discord.messages())
      perChannel.set(message.channel_id, (perChannel.get(message.channel_id) ?? 0) + 1);
    expect(killedAfter.filter((n) => n > 0 && n < CHANNELS)).toHaveLength(KILLS);
    expect(perChannel.size).toBe(CHANNELS);
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
    expect(await allSent()).toBe(true);
  }, 600_000);
});
