import { beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { runCommand } from '../../commands/run-command.js';
import type { CommandContext, RawArgs, Reply } from '../../commands/types.js';
import { LOCAL_WORKSPACE_ID } from '../../src/shared/local-workspace.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createPostgresServices } from '../../src/storage/create-services.js';
import { LEGACY_CREATED_AT, makeRepo, type FakeRepo } from '../fakes/hub/index.js';
import { barRows, findCommand, listItems, listedRepos, replyText } from '../helpers/command-world.js';
import { DEEPSEEK, QWEN, usePollHarness, type PollHarness } from '../helpers/poll-harness.js';

const META = { name: 'Meta', country: 'US', orgs: ['meta-llama'] };
const MISTRAL = { name: 'Mistral AI', country: 'FR', orgs: ['mistralai'] };
const harness = usePollHarness({ labs: [QWEN, DEEPSEEK, META, MISTRAL] });
let h: PollHarness;
let ctx: CommandContext;

// The real Hub's counts for meta-llama/Llama-3.1-8B (test/fixtures/hub-samples, 2026-10).
const LLAMA_CHILDREN = { adapter: 1345, merge: 71, quantized: 334, finetune: 1498 };

function repo(id: string, createdAt: string, extra: Partial<FakeRepo> & { baseModel?: string } = {}) {
  const [org, name] = id.split('/') as [string, string];
  return makeRepo({ org, name, createdAt, downloads: 10, likes: 1, ...extra });
}

function run(path: string, args: RawArgs = {}): Promise<Reply> {
  return runCommand(ctx, findCommand(path), {
    workspace: { id: LOCAL_WORKSPACE_ID, platform: 'console' },
    channel: { id: 'stdout', destination: 'console:stdout' },
    user: { id: 'operator', isAdmin: false },
    args,
  });
}

beforeEach(async () => {
  h = harness();
  ctx = {
    services: createPostgresServices(h.database.db),
    commands: COMMANDS,
    now: () => h.clock.now(),
    hubUrl: 'https://huggingface.co',
    logger: silentLogger(),
  };
  h.hub.put(
    repo('Qwen/Qwen2.5-7B', '2025-01-10T09:00:00Z', {
      downloads: 4_000_000,
      likes: 900,
      childrenModelCount: { finetune: 2000, adapter: 500, quantized: 800, merge: 100 },
    }),
    repo('Qwen/Qwen2.5-72B', '2025-01-12T09:00:00Z', { downloads: 500_000 }),
    repo('Qwen/Qwen2.5-7B-Instruct-GGUF', '2025-02-01T00:00:00Z', {
      baseModel: 'Qwen/Qwen2.5-7B',
      downloads: 9_000_000,
    }),
    repo('Qwen/QwQ-32B', '2025-03-05T00:00:00Z'),
    repo('Qwen/Qwen3-8B', '2025-04-29T00:00:00Z', { downloads: 2_000_000, likes: 100 }),
    repo('Qwen/Qwen3-32B', '2025-04-29T02:00:00Z'),
    repo('Qwen/Qwen3.5-9B', '2026-11-25T00:00:00Z'),
    repo('deepseek-ai/DeepSeek-V3', '2024-12-26T00:00:00Z'),
    repo('deepseek-ai/DeepSeek-R1', '2025-01-20T00:00:00Z', {
      downloads: 3_000_000,
      childrenModelCount: { finetune: 300, quantized: 900 },
    }),
    repo('meta-llama/Llama-3.1-8B', '2024-07-23T00:00:00Z', {
      downloads: 5_000_000,
      likes: 2500,
      childrenModelCount: LLAMA_CHILDREN,
    }),
    repo('meta-llama/Llama-4-Scout-17B', '2025-04-05T00:00:00Z'),
    repo('meta-llama/Llama-2-7b', LEGACY_CREATED_AT),
    repo('mistralai/Mistral-Small-24B', '2025-01-30T00:00:00Z', { downloads: 1_000_000 }),
  );
  await h.app.tick(false);
});

describe('/releases with history', () => {
  it('shows a historical release with its mark and says what the mark means', async () => {
    const reply = await run('releases', { days: 7 });

    expect(listedRepos(reply)).toEqual(['Qwen/Qwen3.5-9B']);
    expect(listItems(reply)[0]).toMatch(/^2026-11-25 \(history\) · 🇨🇳 Alibaba Qwen · Qwen\/Qwen3.5-9B/);
    expect(replyText(reply)).toContain('(history): published before floodwatch watched the lab');
  });
});

describe('/origins', () => {
  it('view:timeline counts releases per month by country, from history on day one', async () => {
    const reply = await run('origins', { view: 'timeline', since: '2025-01' });

    const months = listItems(reply);
    expect(months).toHaveLength(23);
    expect(months[0]).toMatch(/^2025-01 █{12} 3 · 🇨🇳 67% · 🇫🇷 33%$/);
    expect(months[1]).toMatch(/^2025-02 ░{12} 0$/);
    expect(months[3]).toMatch(/^2025-04 █{8}░{4} 2 · 🇨🇳 50% · 🇺🇸 50%$/);
    expect(barRows(reply, 0).map((r) => [r.label, r.value])).toEqual([
      ['🇨🇳 China', 5],
      ['🇫🇷 France', 1],
      ['🇺🇸 United States', 1],
    ]);
    expect(replyText(reply)).toContain('1 undated releases');
    expect(reply.data).toMatchObject({
      view: 'timeline',
      since: '2025-01',
      undated: 1,
      months: expect.arrayContaining([{ month: '2025-01', total: 3, byCountry: { CN: 2, FR: 1 } }]),
    });
    expect(reply.chart).toMatchObject({ kind: 'stacked-bars', byCountry: true, yTitle: 'releases' });
    const points = reply.chart!.points;
    expect(new Set(points.map((p) => p.x)).size).toBe(23);
    expect(points.filter((p) => p.x === '2025-01')).toEqual([
      { x: '2025-01', series: 'CN', value: 2 },
      { x: '2025-01', series: 'FR', value: 1 },
      { x: '2025-01', series: 'US', value: 0 },
    ]);
  });

  it('view:top says how many of the most downloaded models come from each country', async () => {
    const reply = await run('origins', { view: 'top', limit: 3 });

    expect(replyText(reply)).toContain(
      'Of the 3 most downloaded models among the labs tracked here, 2 come from 🇨🇳 China, 1 from 🇺🇸 United States.',
    );
    expect(listedRepos(reply)).toEqual(['meta-llama/Llama-3.1-8B', 'Qwen/Qwen2.5-7B', 'deepseek-ai/DeepSeek-R1']);
    expect(reply.data).toMatchObject({
      byCountry: [
        { country: 'CN', count: 2 },
        { country: 'US', count: 1 },
      ],
    });
    expect(reply.chart).toEqual({
      kind: 'bars',
      title: 'Origins of the top 3 by downloads',
      yTitle: 'models',
      byCountry: true,
      points: [
        { x: 'CN', series: 'CN', value: 2 },
        { x: 'US', series: 'US', value: 1 },
      ],
    });
  });

  it('view:ecosystem sums the derivatives built on each country’s models and names the most built on', async () => {
    const reply = await run('origins', { view: 'ecosystem' });

    const llama = 1498 + 1345 + 334 + 71;
    expect(barRows(reply, 0).map((r) => [r.label, r.value])).toEqual([
      ['🇨🇳 China', 3400 + 1200],
      ['🇺🇸 United States', llama],
    ]);
    expect(listItems(reply, 0)[1]).toBe(
      '🇺🇸 United States: 1.5K finetunes · 1.3K adapters · 334 quantizations · 71 merges',
    );
    expect(listedRepos({ ...reply, blocks: reply.blocks.slice(4) })).toEqual([
      'Qwen/Qwen2.5-7B',
      'meta-llama/Llama-3.1-8B',
      'deepseek-ai/DeepSeek-R1',
    ]);
    expect(reply.data).toMatchObject({ total: 4600 + llama });
    expect(reply.chart).toMatchObject({ kind: 'stacked-bars', byCountry: false });
    expect(reply.chart!.points.filter((p) => p.x === 'United States')).toEqual([
      { x: 'United States', series: 'finetunes', value: 1498 },
      { x: 'United States', series: 'adapters', value: 1345 },
      { x: 'United States', series: 'quantizations', value: 334 },
      { x: 'United States', series: 'merges', value: 71 },
    ]);
  });

  it('view:share counts history too, over any window', async () => {
    const reply = await run('origins', { since: '2025-01' });

    expect(reply.title).toBe('Origins since 2025-01 by releases');
    expect(barRows(reply, 0).map((r) => [r.label, r.value])).toEqual([
      ['🇨🇳 China', 5],
      ['🇫🇷 France', 1],
      ['🇺🇸 United States', 1],
    ]);
  });
});

describe('/rankings metric:growth', () => {
  it('says there is too little history before a week of snapshots', async () => {
    const reply = await run('rankings', { metric: 'growth' });

    expect(replyText(reply)).toContain('Too little history yet: growth over 7 days compares with the metric snapshot');
    expect(reply.data).toMatchObject({ eligible: 12, withHistory: 0, models: [] });
  });

  it('ranks by likes gained over the window, with the change of downloads', async () => {
    h.clock.advance(7 * 86_400_000);
    const bump = (id: string, patch: Partial<FakeRepo>) =>
      h.hub.update(h.hub.repos().find((r) => r.id === id)!._id, patch);
    bump('Qwen/Qwen3-8B', { likes: 150, downloads: 2_500_000 });
    bump('meta-llama/Llama-3.1-8B', { likes: 2510, downloads: 4_000_000 });
    await h.app.refreshMetrics();

    const reply = await run('rankings', { metric: 'growth', limit: 2 });

    expect(reply.title).toBe('Top 2 by growth over 7 days');
    expect(listItems(reply)).toEqual([
      '1. Qwen/Qwen3-8B · 🇨🇳 Alibaba Qwen · +50 likes · downloads +500K',
      '2. meta-llama/Llama-3.1-8B · 🇺🇸 Meta · +10 likes · downloads −1M',
    ]);
    expect(reply.data).toMatchObject({ days: 7, models: [{ likesGained: 50 }, { likesGained: 10 }] });
    expect(reply.chart).toMatchObject({ kind: 'bars', yTitle: 'likes gained over 7 days' });
    expect(reply.chart!.points.map((p) => p.value)).toEqual([50, 10]);
  });
});
