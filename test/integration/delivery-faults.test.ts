import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, subscriptions } from '../../db/schema.js';
import { createApp, type App } from '../../src/app/create-app.js';
import { readEnv } from '../../src/config/env.js';
import { createAlertRest, createDiscordAlertAdapter } from '../../src/platforms/discord/index.js';
import type { AlertAdapter } from '../../src/platforms/platform.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeRepo, startFakeHub, type FakeHub } from '../fakes/hub/index.js';
import { captureStream } from '../helpers/capture.js';
import { ALERTS, createDiscordHarness, GENERAL, GUILD, HUB, type DiscordHarness } from '../helpers/discord-harness.js';
import { useTestDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
let h: DiscordHarness;
let hub: FakeHub;

function replica(adapter: AlertAdapter = h.bot, delivery: Parameters<typeof createApp>[0]['delivery'] = {}): App {
  const config = readEnv({ HF_ENDPOINT: hub.url, LOG_LEVEL: 'silent' });
  return createApp({ config, database, logger: silentLogger(), out: captureStream(), adapters: [adapter], delivery });
}

const created = (channelId: string) =>
  h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status === 200)
    .length;

beforeEach(async () => {
  h = await createDiscordHarness(database);
  await database.db
    .insert(subscriptions)
    .values({ workspaceId: `discord:${GUILD}`, platform: 'discord', destination: `discord:${GUILD}:${GENERAL}` });
  hub = await startFakeHub();
  hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', createdAt: '2025-01-01T00:00:00Z' }));
  await replica().tick(false);
  hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V4', createdAt: '2026-11-27T00:00:00Z' }));
});

afterEach(async () => {
  await h.close();
  await hub.close();
});

describe('a Discord channel in a 429 storm', () => {
  it('is rescheduled at the wait Discord gives while a healthy channel gets its alert at once', async () => {
    h.fake.rateLimitNext(new RegExp(`/channels/${ALERTS}/messages`), { retryAfterSeconds: 5, times: 1000 });
    const app = replica();
    await app.tick(false);

    const before = Date.now();
    const result = await app.dispatch();

    expect(result).toMatchObject({ sent: 1, retried: 1 });
    expect(h.fake.messages(GENERAL)).toHaveLength(1);
    expect(h.fake.messages(ALERTS)).toHaveLength(0);
    const [storming] = await database.db
      .select()
      .from(deliveries)
      .innerJoin(subscriptions, eq(subscriptions.id, deliveries.subscriptionId))
      .where(eq(subscriptions.destination, `discord:${GUILD}:${ALERTS}`));
    expect(storming!.deliveries).toMatchObject({ state: 'pending', attempts: 0, leaseUntil: null });
    expect(storming!.deliveries.lastError).toContain('rate limit');
    expect(storming!.deliveries.dueAt.getTime()).toBeGreaterThanOrEqual(before + 4_900);
  });

  it('is sent once by two replicas even when the storm outlasts the lease', async () => {
    h.fake.rateLimitNext(new RegExp(`/channels/${ALERTS}/messages`), { retryAfterSeconds: 4, times: 1 });
    const lease = { leaseMs: 1_500 };
    const a = replica(h.bot, lease);
    const b = replica(
      createDiscordAlertAdapter({ rest: createAlertRest(h.fake.token, h.fake.apiUrl), hubUrl: HUB }),
      lease,
    );
    await a.tick(false);

    const until = Date.now() + 6_500;
    while (Date.now() < until && created(ALERTS) === 0) {
      await Promise.all([a.dispatch(), b.dispatch()]);
      await new Promise((r) => setTimeout(r, 150));
    }
    // Both replicas keep dispatching a while after the storm: nothing more may go out.
    for (let i = 0; i < 5; i++) {
      await Promise.all([a.dispatch(), b.dispatch()]);
      await new Promise((r) => setTimeout(r, 100));
    }

    expect(created(ALERTS)).toBe(1);
    expect(created(GENERAL)).toBe(1);
    const rows = await database.db.select().from(deliveries);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent']);
  });
});
