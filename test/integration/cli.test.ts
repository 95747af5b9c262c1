import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../db/data-dir-lock.js';
import { makeRepo, startFakeHub, type FakeHub } from '../fakes/hub/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { isChartPng } from '../helpers/png.js';
import { runCli } from '../helpers/run-cli.js';

const onPostgres = process.env.FW_TEST_DB === 'postgres';
let hub: FakeHub;
let dataDir: string;
let database: TestDatabase | undefined;
let env: NodeJS.ProcessEnv;

const cli = (...argv: string[]) => runCli(env, ...argv);

beforeAll(async () => {
  hub = await startFakeHub();
  hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', createdAt: '2025-01-01T00:00:00Z' }));
  dataDir = mkdtempSync(join(tmpdir(), 'fw-cli-'));
  // On PostgreSQL the CLI gets a database of its own; on PGlite a data directory.
  if (onPostgres) database = await createTestDatabase();
  env = {
    HF_ENDPOINT: hub.url,
    DATA_DIR: join(dataDir, 'data'),
    LOG_LEVEL: 'silent',
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
  };
});
afterAll(async () => {
  await hub.close();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('usage errors', () => {
  it('refuses an unknown flag, a bad country and a malformed org with exit code 2 and touches nothing', async () => {
    const results = [
      await cli('releases', '--bogus'),
      await cli('labs', 'add', 'newlab', '--country', 'ZZ'),
      await cli('labs', 'add', 'bad--org', '--country', 'CN'),
      await cli('releases', '--days', '0'),
      await cli('poll'),
      await cli('frobnicate'),
    ];

    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(results[0]!.err).toContain("Unknown option '--bogus'");
    expect(results[1]!.err).toContain('"ZZ" is not an ISO 3166-1 alpha-2 country code');
    expect(results[2]!.err).toContain('"bad--org" is not a Hugging Face org name');
    expect(results[3]!.err).toContain('--days must be a whole number from 1 to 365');
    expect(results[5]!.err).toContain('unknown command "frobnicate"');
    if (!onPostgres) expect(existsSync(env.DATA_DIR!)).toBe(false);
  });

  it('refuses a malformed backfill with exit code 2 before opening anything', async () => {
    const results = [
      await cli('backfill', '--since', '2025-13-01'),
      await cli('backfill', '--since', 'last year'),
      await cli('backfill', '--org', 'bad--org'),
    ];

    expect(results.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(results[0]!.err).toContain('--since must be a date as YYYY-MM-DD, not "2025-13-01"');
    expect(results[1]!.err).toContain('Usage: floodwatch backfill');
    expect(results[2]!.err).toContain('"bad--org" is not a Hugging Face org name');
    if (!onPostgres) expect(existsSync(env.DATA_DIR!)).toBe(false);
  });

  it('answers a negative --days with the allowed range, however the value is attached', async () => {
    const results = [await cli('releases', '--days', '-1'), await cli('releases', '--days=-1')];

    expect(results.map((r) => r.code)).toEqual([2, 2]);
    for (const { err } of results) expect(err).toContain('--days must be a whole number from 1 to 365, not "-1"');
  });

  it('still treats a flag after a value-taking option as a missing value', async () => {
    const { code, err } = await cli('releases', '--days', '--json');

    expect(code).toBe(2);
    expect(err).toContain("Option '--days' argument is ambiguous");
  });

  it('prints help for a command', async () => {
    const { code, out } = await cli('labs', '--help');
    expect(code).toBe(0);
    expect(out).toContain('floodwatch labs add <org> --country CC');
  });
});

describe('a session', () => {
  it('seeds the catalog, baselines silently, alerts a new release and lists it', async () => {
    const labs = await cli('labs', 'list', '--json');
    const baseline = await cli('poll', '--once');
    hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V4', createdAt: '2026-11-28T00:00:00Z', params: 685e9 }));
    hub.put(
      makeRepo({
        org: 'deepseek-ai',
        name: 'DeepSeek-V4-FP8',
        createdAt: '2026-11-28T01:00:00Z',
        baseModel: 'deepseek-ai/DeepSeek-V4',
        relation: 'quantized',
      }),
    );
    const poll = await cli('poll', '--once');
    const releases = await cli('releases', '--json');

    expect(labs.code).toBe(0);
    const catalog = JSON.parse(labs.out) as { name: string; country: string; orgs: string[]; tracked: boolean }[];
    expect(catalog).toHaveLength(42);
    expect(catalog.find((l) => l.name === 'Alibaba Qwen')).toEqual({
      name: 'Alibaba Qwen',
      country: 'CN',
      orgs: ['Qwen', 'Wan-AI'],
      tracked: true,
    });
    expect(baseline.out).toBe('');
    expect(baseline.err).toMatch(/polled 49 org\(s\) \(49 baseline\), 0 failed/);
    expect(poll.out.match(/New release/g)).toHaveLength(1);
    expect(poll.out).toContain('🇨🇳 DeepSeek (CN) · New release: deepseek-ai/DeepSeek-V4');
    expect(poll.out).toContain('variants: deepseek-ai/DeepSeek-V4-FP8');
    const list = JSON.parse(releases.out);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ lab: 'DeepSeek', country: 'CN', title: 'deepseek-ai/DeepSeek-V4' });
    expect(Number.isNaN(Date.parse(list[0].firstSeenAt))).toBe(false);
    expect(list[0].models).toEqual([
      expect.objectContaining({ id: 'deepseek-ai/DeepSeek-V4', variant: false }),
      expect.objectContaining({ id: 'deepseek-ai/DeepSeek-V4-FP8', variant: true }),
    ]);
  });

  it('backfills what is missing, one line per org off a terminal, and says when nothing was', async () => {
    const text = await cli('backfill', '--org', 'deepseek-ai');
    const json = await cli('backfill', '--since', '2024-06-01', '--json');
    const untracked = await cli('backfill', '--org', 'nobody-tracks-this');

    expect(text.code).toBe(0);
    expect(text.err).toContain('backfill 1/1 deepseek-ai: 3 repos, 0 historical releases added');
    expect(text.out).toContain('backfill: 1 org(s), 3 repos listed in 1 request(s)');
    expect(text.out).toContain('nothing was missing');
    expect(json.code).toBe(0);
    expect(json.err).toBe('');
    expect(JSON.parse(json.out)).toMatchObject({ orgs: 49, releases: 0, failed: [], interrupted: false });
    expect(untracked.code).toBe(2);
    expect(untracked.err).toContain('nobody-tracks-this is not tracked here');
  });

  it('tracks and untracks an org, refusing a country that contradicts the catalog', async () => {
    const added = await cli('labs', 'add', 'my-lab', '--country', 'de', '--name', 'My Lab');
    const clash = await cli('labs', 'add', 'deepseek-ai', '--country', 'US');
    const removed = await cli('labs', 'remove', 'my-lab');
    const again = await cli('labs', 'remove', 'my-lab');

    expect(added).toMatchObject({ code: 0 });
    expect(added.out).toContain('now tracking My Lab (DE; my-lab), new to the catalog');
    expect(clash.code).toBe(2);
    expect(clash.err).toContain('deepseek-ai belongs to DeepSeek, whose country is CN, not US');
    expect(removed.out).toContain('stopped tracking My Lab');
    expect(again.code).toBe(2);
  });

  it('runs any slash command for the console workspace, in the same words as in chat', async () => {
    const releases = await cli('run', 'releases', 'days:30');
    const json = await cli('run', 'releases', 'days:30', '--json');
    const subscribed = await cli('run', 'alerts', 'subscribe', 'countries:CN', 'mode:daily');
    const listed = await cli('run', 'alerts', 'list');
    const named = await cli('run', 'labs', 'add', 'org:quoted-lab', 'country:FR', 'name:Quoted Lab');

    expect(releases).toMatchObject({ code: 0, err: '' });
    expect(releases.out).toContain('deepseek-ai/DeepSeek-V4');
    expect(JSON.parse(json.out)).toMatchObject({ ephemeral: true, blocks: expect.any(Array) });
    expect(JSON.stringify(JSON.parse(json.out))).toContain('deepseek-ai/DeepSeek-V4');
    expect(subscribed.code).toBe(0);
    expect(listed.out).toContain('daily');
    expect(named.out).toContain('Quoted Lab');
    await cli('labs', 'remove', 'quoted-lab');
  });

  it('writes the chart of an answer as PNG with --chart, and includes its spec in --json', async () => {
    const file = join(dataDir, 'origins.png');
    const drawn = await cli('run', 'origins', 'since:2025-01', '--chart', file);
    const json = await cli('run', 'origins', 'since:2025-01', '--json');
    const none = await cli('run', 'releases', '--chart', join(dataDir, 'none.png'));
    const missing = await cli('run', 'origins', '--chart');

    expect(drawn).toMatchObject({ code: 0, err: '' });
    expect(drawn.out).toContain('Origins since 2025-01 by releases');
    expect(isChartPng(readFileSync(file))).toBe(true);
    expect(JSON.parse(json.out).chart).toMatchObject({ kind: 'bars', byCountry: true, points: [{ series: 'CN' }] });
    expect(none.code).toBe(2);
    expect(none.err).toContain('This answer has no chart');
    expect(existsSync(join(dataDir, 'none.png'))).toBe(false);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--chart needs a file name');
  });

  it('refuses a bad run with the chat message and exit 2, changing nothing', async () => {
    const before = await cli('run', 'alerts', 'list', '--json');
    const results = [
      await cli('run', 'rankings', 'limit:99'),
      await cli('run', 'frobnicate'),
      await cli('run', 'alerts', 'subscribe', 'countries:ZZ'),
      await cli('run', 'labs'),
    ];
    const usage = await cli('run', '--bogus');
    const after = await cli('run', 'alerts', 'list', '--json');

    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(results.every((r) => r.out === '')).toBe(true);
    expect(results[0]!.err).toContain('limit must be from 1 to 25, not 99');
    expect(results[0]!.err).toContain('floodwatch run rankings [metric:downloads|likes|trending|growth]');
    expect(results[1]!.err).toContain('there is no command "frobnicate"; these exist:');
    expect(results[3]!.err).toContain('labs needs a subcommand: list, add, remove');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Usage: floodwatch run');
    expect(after.out).toBe(before.out);
  });

  it.skipIf(onPostgres)('refuses to open an embedded database another process holds', async () => {
    const held = lockDataDir(env.DATA_DIR!, 'start');
    try {
      const { code, err } = await cli('labs', 'list');
      const backfill = await cli('backfill');
      expect(code).toBe(1);
      expect(err).toMatch(/is in use by process \d+ .*floodwatch start.*DATABASE_URL/s);
      expect(backfill.code).toBe(1);
      expect(backfill.err).toMatch(/is in use by process \d+ .*floodwatch start/s);
    } finally {
      held.release();
    }
  });
});

describe('commands sync', () => {
  it('registers the slash commands with Discord and needs a token', async () => {
    const { startFakeDiscord } = await import('../fakes/discord/index.js');
    const discord = await startFakeDiscord();
    try {
      const missing = await cli('commands', 'sync');
      const saved = env;
      env = { ...env, DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl };
      const synced = await cli('commands', 'sync');
      env = saved;

      expect(missing.code).toBe(2);
      expect(missing.err).toContain('commands sync needs DISCORD_TOKEN');
      expect(synced.code).toBe(0);
      expect(synced.out).toMatch(/registered 8 commands \(global\)/);
      expect((discord.commands() as { name: string }[]).map((c) => c.name)).toContain('rankings');
    } finally {
      await discord.close();
    }
  });
});
