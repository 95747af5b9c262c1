import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, labOrgs, releases } from '../../db/schema.js';
import { createApp, type App } from '../../src/app/create-app.js';
import { readEnv } from '../../src/config/env.js';
import { createAlertRest, createDiscordAlertAdapter } from '../../src/platforms/discord/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { makeRepo, startFakeHub, type FakeHub } from '../fakes/hub/index.js';
import { captureStream } from '../helpers/capture.js';
import { usePollHarness } from '../helpers/poll-harness.js';
import { seedLabs } from '../helpers/seed.js';
import { createTestClock } from '../helpers/test-clock.js';
import { resetDatabase, useTestDatabase } from '../helpers/test-database.js';

const MINUTE = 60_000;
let day = 0;
/** Repos created one after another, newest last. */
function newRepo(org: string, name: string, extra: { private?: boolean } = {}) {
  day++;
  return makeRepo({ org, name, createdAt: new Date(Date.UTC(2026, 0, 1) + day * 3_600_000).toISOString(), ...extra });
}

describe('a Discord that answers 500 for minutes, then recovers', () => {
  const GUILD = '1500000000000000001';
  const CHANNELS = ['1500000000000000002', '1500000000000000003', '1500000000000000004'];
  const database = useTestDatabase();
  let discord: FakeDiscord;
  let hub: FakeHub;
  let clock: ReturnType<typeof createTestClock>;
  let app: App;

  const posts = () => discord.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
  const titles = (channel: string) => discord.messages(channel).map((m) => m.embeds[0]?.title as string);

  beforeEach(async () => {
    await resetDatabase(database);
    discord = await startFakeDiscord({
      guilds: [{ id: GUILD, name: 'Watchers', channels: CHANNELS.map((id, i) => ({ id, name: `alerts-${i}` })) }],
    });
    hub = await startFakeHub();
    const [first, ...others] = CHANNELS.map((id) => `discord:${GUILD}:${id}`);
    const seeded = await seedLabs(database.db, [{ name: 'DeepSeek', country: 'CN', orgs: ['deepseek-ai'] }], {
      workspaceId: `discord:${GUILD}`,
      platform: 'discord',
      destination: first!,
    });
    for (const destination of others) {
      await seedLabs(database.db, [], { workspaceId: seeded.workspaceId, platform: 'discord', destination });
    }
    clock = createTestClock();
    app = createApp({
      config: readEnv({ HF_ENDPOINT: hub.url, LOG_LEVEL: 'silent' }),
      database,
      logger: silentLogger(),
      clock,
      out: captureStream(),
      adapters: [createDiscordAlertAdapter({ rest: createAlertRest(discord.token, discord.apiUrl), hubUrl: hub.url })],
    });
    hub.put(newRepo('deepseek-ai', 'DeepSeek-V3'));
    await app.tick(false);
  });

  afterEach(async () => {
    await discord.close();
    await hub.close();
  });

  it('delivers every alert once and in order after it, having backed off meanwhile', async () => {
    discord.outage(/^\/channels\/\d+\/messages$/);
    const published = ['DeepSeek-V4', 'DeepSeek-R2', 'DeepSeek-V4.1', 'DeepSeek-Coder-V3'];
    // Ten minutes of outage: a release every two and a half minutes, the dispatcher every fifteen seconds.
    for (let step = 0; step < 40; step++) {
      if (step % 10 === 0) {
        hub.put(newRepo('deepseek-ai', published[step / 10]!));
        await app.tick(false);
      }
      await app.dispatch();
      clock.advance(15_000);
    }
    const duringOutage = posts().length;
    const [head] = await database.db.select().from(deliveries).orderBy(deliveries.id).limit(1);

    discord.outage(null);
    for (let round = 0; round < 6; round++) {
      clock.advance(30 * MINUTE);
      await app.dispatch();
    }

    expect(discord.messages()).toHaveLength(0 + CHANNELS.length * published.length);
    for (const channel of CHANNELS) {
      expect(titles(channel)).toEqual(published.map((name) => `deepseek-ai/${name}`));
    }
    // With backoff, each channel's first alert is tried five or six times in ten minutes (two requests each,
    // as the client retries a 500 once) and the alerts behind it wait; a tight loop would make hundreds.
    expect(head!.attempts).toBeLessThanOrEqual(6);
    expect(duringOutage).toBeLessThanOrEqual(CHANNELS.length * 6 * 2);
    const rows = await database.db.select().from(deliveries);
    expect(rows.map((r) => r.state)).toEqual(rows.map(() => 'sent'));
  });
});

describe('the Hub down for several ticks, then back', () => {
  const harness = usePollHarness();

  it('crashes nothing, changes nothing while down, and misses nothing once back', async () => {
    const h = harness();
    const secret = newRepo('Qwen', 'Qwen3-Max', { private: true });
    h.hub.put(newRepo('Qwen', 'Qwen2.5-7B'), newRepo('deepseek-ai', 'DeepSeek-V3'), secret);
    await h.app.tick(false);

    h.hub.fault({ kind: 'status', status: 503, times: 1_000 });
    h.hub.put(newRepo('Qwen', 'Qwen3-8B'));
    const first = await h.app.tick(false);
    h.hub.put(newRepo('deepseek-ai', 'DeepSeek-V4'));
    const second = await h.app.tick(false);
    h.hub.clearFaults();
    h.hub.fault({ kind: 'hang', times: 1_000 });
    h.hub.update(secret._id, { private: false });
    const third = await h.app.tick(false);
    const [qwenWhileDown] = await h.database.db.select().from(labOrgs).where(eq(labOrgs.org, 'Qwen'));
    const releasesWhileDown = await h.database.db.select().from(releases).where(eq(releases.historical, false));

    h.hub.clearFaults();
    const back = await h.app.tick(false);
    const again = await h.app.tick(false);
    await h.app.dispatch();

    for (const tick of [first, second, third]) {
      expect(tick.failed.map((f) => f.org).sort()).toEqual(['Qwen', 'deepseek-ai']);
      expect(tick.releaseIds).toEqual([]);
    }
    expect(qwenWhileDown!.lastError).toBeTruthy();
    expect(releasesWhileDown).toEqual([]);
    expect(back.failed).toEqual([]);
    expect(again.releaseIds).toEqual([]);
    const titles = (await h.database.db.select().from(releases).where(eq(releases.historical, false)))
      .map((r) => r.title)
      .sort();
    expect(titles).toEqual(['Qwen/Qwen3-8B', 'Qwen/Qwen3-Max', 'deepseek-ai/DeepSeek-V4']);
    for (const title of titles) expect(h.out.text().split(`New release: ${title}\n`)).toHaveLength(2);
    const [qwenBack] = await h.database.db.select().from(labOrgs).where(eq(labOrgs.org, 'Qwen'));
    expect(qwenBack!.lastError).toBeNull();
  });
});
