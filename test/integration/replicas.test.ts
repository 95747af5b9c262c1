import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDefaults } from '../../db/seed.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { makeRepo, startFakeHub, type FakeHub } from '../fakes/hub/index.js';
import { guildWithChannels, subscribeGuild } from '../helpers/discord-fan-out.js';
import { startService, type ServiceProcess } from '../helpers/service-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const NEVER = '0 0 1 1 *';
const ORGS = ['deepseek-ai', 'Qwen', 'moonshotai'];
// One new repo per step, each of another family, so each is a release of its own.
const NEW_REPOS = [
  ['deepseek-ai', 'DeepSeek-V4'],
  ['Qwen', 'Qwen4-7B'],
  ['moonshotai', 'Kimi-K3'],
  ['deepseek-ai', 'DeepSeek-Prover-V3'],
  ['Qwen', 'QwQ-64B'],
  ['moonshotai', 'Kimi-Audio-2'],
] as const;
const guild = guildWithChannels(3);
let hub: FakeHub;
let discord: FakeDiscord;
let database: TestDatabase;
let services: ServiceProcess[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every tick slot a replica polled, from its log. */
function polledSlots(service: ServiceProcess): string[] {
  return [...service.log().matchAll(/"slot":"([^"]+)"[^\n]*"msg":"tick slot polled"/g)].map((m) => m[1]!);
}
const ticksPolled = (service: ServiceProcess) => (service.log().match(/"msg":"tick slot polled"/g) ?? []).length;
const listings = (org: string) => hub.requests.filter((r) => r.path === '/api/models' && r.query.get('author') === org);

beforeAll(async () => {
  hub = await startFakeHub();
  for (const org of ORGS) hub.put(makeRepo({ org, name: `${org}-old-model`, createdAt: '2025-01-01T00:00:00Z' }));
  discord = await startFakeDiscord({ guilds: [guild] });
  database = await createTestDatabase();
  await seedDefaults(database.db);
  await subscribeGuild(database.db, guild, ['DeepSeek', 'Alibaba Qwen', 'Moonshot AI']);
}, 120_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.kill('SIGKILL')));
  await Promise.all([hub.close(), discord.close()]);
  await database.close();
});

describe.skipIf(process.env.FW_TEST_DB !== 'postgres')('three replicas on one PostgreSQL', () => {
  it('poll each tick once, post each release once to each channel, and carry on when one is killed', async () => {
    const env = {
      HF_ENDPOINT: hub.url,
      DATABASE_URL: database.url!,
      LOG_LEVEL: 'debug',
      POLL_CRON: '* * * * * *',
      RECONCILE_CRON: NEVER,
      METRICS_CRON: NEVER,
      PORT: '0',
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DELIVERY_LEASE_SECONDS: '10',
    };
    services = [startService(env), startService(env), startService(env)];
    await Promise.all(services.map((s) => s.waitForLog(/"msg":"discord ready"/)));
    // The orgs' baselines are in (Qwen's lab has a second org, Wan-AI, polled too).
    while (!ORGS.every((org) => listings(org).some((r) => r.status === 200))) await sleep(100);
    await sleep(1_500);

    let killedAt = '';
    let victim: ServiceProcess | undefined;
    for (const [step, [org, name]] of NEW_REPOS.entries()) {
      hub.put(makeRepo({ org, name, createdAt: '2026-11-27T08:00:00Z' }));
      await sleep(2_500);
      // Mid-way, the replica that polled last dies without a word.
      if (step === 2) {
        victim = services.reduce((a, b) => ((polledSlots(a).at(-1) ?? '') > (polledSlots(b).at(-1) ?? '') ? a : b));
        await victim.kill('SIGKILL');
        killedAt = new Date().toISOString();
      }
    }
    const titles = NEW_REPOS.map(([org, name]) => `${org}/${name}`);
    const deadline = Date.now() + 90_000;
    while (discord.messages().length < titles.length * guild.channels.length && Date.now() < deadline) await sleep(200);
    await sleep(2_000);

    for (const channel of guild.channels) {
      const posted = discord.messages(channel.id).map((m) => String(m.embeds[0]?.title ?? ''));
      for (const title of titles) expect(posted.filter((t) => t.includes(title))).toHaveLength(1);
      expect(posted).toHaveLength(titles.length);
    }
    const slots = services.flatMap(polledSlots);
    expect(new Set(slots).size).toBe(slots.length);
    const ticks = services.reduce((sum, s) => sum + ticksPolled(s), 0);
    // Each org is listed once per tick, by whichever replica polled it (the killed one may have been mid-tick).
    for (const org of ORGS) {
      expect(listings(org).length).toBeGreaterThanOrEqual(ticks);
      expect(listings(org).length).toBeLessThanOrEqual(ticks + 1);
    }
    // The survivors took the ticks over.
    const after = services
      .filter((s) => s !== victim)
      .flatMap(polledSlots)
      .filter((slot) => slot > killedAt);
    expect(after.length).toBeGreaterThan(5);
  }, 300_000);
});
