import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { models } from '../../db/schema.js';
import { makeRepo } from '../fakes/hub/index.js';
import { repoWithFacts } from '../helpers/facts-repo.js';
import { DEEPSEEK, QWEN, usePollHarness, type PollHarness } from '../helpers/poll-harness.js';

// Requests time out long after the facts' deadline: only the deadline can keep a hung card from the alert.
const harness = usePollHarness({ labs: [QWEN, DEEPSEEK], factsDeadlineMs: 400, hubTimeoutMs: 120_000 });
let h: PollHarness;

function fileRequests() {
  return h.hub.requests.filter((r) => r.path.includes('/resolve/'));
}

async function stored(repo: string) {
  const [row] = await h.database.db.select().from(models).where(eq(models.repo, repo));
  return row!;
}

beforeEach(async () => {
  h = harness();
  h.hub.put(makeRepo({ org: 'Qwen', name: 'Qwen3-8B', createdAt: '2026-01-01T00:00:00Z' }));
  h.hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', createdAt: '2026-01-01T00:00:00Z' }));
  await h.app.tick(false);
  h.hub.resetRequests();
});

describe('facts of a new release', () => {
  it('answers what it is, whether we can run it, where to call it and what it runs on', async () => {
    h.hub.put(repoWithFacts('deepseek-ai', 'DeepSeek-V4', { createdAt: '2026-11-28T00:00:00Z' }));

    await h.app.tick(false);
    await h.app.dispatch();

    const text = h.out.text();
    expect(text).toContain('New release: deepseek-ai/DeepSeek-V4');
    expect(text).toContain(
      '  what: We present DeepSeek-V4, a strong mixture-of-experts language model with 1T total parameters.',
    );
    expect(text).toContain(
      '  run: 2.05 TB BF16 · 1.03 TB FP8 · 513 GB 4-bit · 26×80 GB or 15×141 GB GPUs (weights only)',
    );
    expect(text).toContain('  shape: MoE, 384 experts, 8 per token · context 128K tokens');
    expect(text).toContain('  call: novita, together');
    expect(text).toContain('  runs on: vLLM, SGLang');
    const row = await stored('deepseek-ai/DeepSeek-V4');
    expect(row).toMatchObject({ contextLength: 131072, experts: 384, expertsActive: 8, runsOn: ['vLLM', 'SGLang'] });
    expect(row.providers).toContainEqual({ provider: 'nebius', status: 'staging' });
    expect(row.factsAt).not.toBeNull();
    expect(fileRequests().map((r) => r.path)).toEqual([
      '/deepseek-ai/DeepSeek-V4/resolve/main/config.json',
      '/deepseek-ai/DeepSeek-V4/resolve/main/README.md',
    ]);
  });

  it('says where a model comes from when its base is another lab’s, and its MoE sizes from the name', async () => {
    h.hub.put(
      repoWithFacts('deepseek-ai', 'DeepSeek-Qwen3-30B-A3B', {
        createdAt: '2026-11-28T00:00:00Z',
        baseModel: 'Qwen/Qwen3-8B',
        safetensors: { parameters: { BF16: 30.5e9 }, total: 30.5e9 },
      }),
    );

    await h.app.tick(false);
    await h.app.dispatch();

    const text = h.out.text();
    expect(text).toContain('  lineage: finetune of Qwen/Qwen3-8B (Alibaba Qwen, CN)');
    expect(text).toContain('  shape: MoE, 30.5B total, 3B active · 384 experts, 8 per token');
    expect(text).toContain('fits one 24 GB card at 4-bit');
  });

  it('reads no files for a variant, and says nothing it does not know', async () => {
    h.hub.put(
      makeRepo({
        org: 'deepseek-ai',
        name: 'DeepSeek-V3-GGUF',
        createdAt: '2026-11-28T00:00:00Z',
        baseModel: 'deepseek-ai/DeepSeek-V3',
      }),
    );

    await h.app.tick(false);

    expect(fileRequests()).toEqual([]);
    const row = await stored('deepseek-ai/DeepSeek-V3-GGUF');
    expect(row).toMatchObject({ cardLine: null, contextLength: null, factsAt: null, paramsByDtype: null });
    expect(row.runsOn).toEqual(['GGUF / llama.cpp']);
  });

  it('sends the alert on time without a card that hangs, with the facts that came', async () => {
    h.hub.fault({ match: { path: /\/README\.md$/ }, kind: 'hang' });
    h.hub.put(repoWithFacts('deepseek-ai', 'DeepSeek-V4', { createdAt: '2026-11-28T00:00:00Z' }));

    const tick = await h.app.tick(false);
    await h.app.dispatch();

    expect(tick.releaseIds).toHaveLength(1);
    const text = h.out.text();
    expect(text).toContain('New release: deepseek-ai/DeepSeek-V4');
    expect(text).not.toContain('what:');
    expect(text).toContain('  shape: MoE, 384 experts, 8 per token · context 128K tokens');
    expect((await stored('deepseek-ai/DeepSeek-V4')).factsAt).toBeNull();
  });

  it('sends the alert without a card line when the repo has no card, or the Hub fails on it', async () => {
    h.hub.put(
      repoWithFacts('deepseek-ai', 'DeepSeek-V4', { createdAt: '2026-11-28T00:00:00Z', files: {} }),
      repoWithFacts('Qwen', 'Qwen4-72B', { createdAt: '2026-11-28T00:00:00Z' }),
    );
    h.hub.fault({ match: { path: /^\/Qwen\/.*\/resolve\// }, kind: 'status', status: 500, times: 2 });

    const tick = await h.app.tick(false);
    await h.app.dispatch();

    expect(tick.releaseIds).toHaveLength(2);
    expect(tick.failed).toEqual([]);
    const text = h.out.text();
    expect(text.match(/New release/g)).toHaveLength(2);
    expect(text).not.toContain('what:');
    expect(text).not.toContain('shape:');
    expect(text.match(/ {2}run: 2\.05 TB BF16/g)).toHaveLength(2);
    expect((await stored('deepseek-ai/DeepSeek-V4')).factsAt).not.toBeNull();
    expect((await stored('Qwen/Qwen4-72B')).factsAt).toBeNull();
  });
});

describe('facts that missed the alert', () => {
  it('are asked again at the next metrics refresh, newest first, and never again once read', async () => {
    h.hub.fault({ match: { path: /\/README\.md$/ }, kind: 'hang' });
    h.hub.put(repoWithFacts('deepseek-ai', 'DeepSeek-V4', { createdAt: '2026-11-28T00:00:00Z' }));
    await h.app.tick(false);
    expect((await stored('deepseek-ai/DeepSeek-V4')).factsAt).toBeNull();
    h.hub.resetRequests();

    await h.app.refreshMetrics();
    const asked = fileRequests().map((r) => r.path);
    await h.app.refreshMetrics();

    expect(asked).toEqual([
      '/deepseek-ai/DeepSeek-V4/resolve/main/config.json',
      '/deepseek-ai/DeepSeek-V4/resolve/main/README.md',
    ]);
    expect(fileRequests()).toHaveLength(2);
    const row = await stored('deepseek-ai/DeepSeek-V4');
    expect(row.factsAt).not.toBeNull();
    expect(row.cardLine).toBe(
      'We present DeepSeek-V4, a strong mixture-of-experts language model with 1T total parameters.',
    );
    expect(row).toMatchObject({ contextLength: 131072, experts: 384, expertsActive: 8, runsOn: ['vLLM', 'SGLang'] });
  });

  it('keeps what it knows when the Hub fails again; asks nothing of variants, baselines or old releases', async () => {
    h.hub.put(
      repoWithFacts('Qwen', 'Qwen4-72B', { createdAt: '2026-11-28T00:00:00Z' }),
      makeRepo({ org: 'Qwen', name: 'Qwen4-72B-GGUF', createdAt: '2026-11-28T00:00:00Z', baseModel: 'Qwen/Qwen4-72B' }),
    );
    h.hub.fault({ match: { path: /^\/Qwen\/.*\/resolve\// }, kind: 'status', status: 500, times: 2 });
    await h.app.tick(false);
    h.hub.fault({ match: { path: /^\/Qwen\/.*\/README\.md$/ }, kind: 'status', status: 500 });
    h.hub.resetRequests();

    await h.app.refreshMetrics();
    const asked = fileRequests().map((r) => r.path);
    const partly = await stored('Qwen/Qwen4-72B');
    h.clock.advance(8 * 86_400_000);
    h.hub.resetRequests();
    await h.app.refreshMetrics();

    expect(asked).toEqual(['/Qwen/Qwen4-72B/resolve/main/config.json', '/Qwen/Qwen4-72B/resolve/main/README.md']);
    expect(partly).toMatchObject({ factsAt: null, cardLine: null, contextLength: 131072, experts: 384 });
    // Eight days on, the release is no longer new: its card is not asked for again.
    expect(fileRequests()).toEqual([]);
  });
});

describe('providers refreshed with the metrics', () => {
  it('takes the providers a listing names, in either shape, and keeps them when a listing says nothing', async () => {
    const v4 = repoWithFacts('deepseek-ai', 'DeepSeek-V4', {
      createdAt: '2026-11-28T00:00:00Z',
      inferenceProviderMapping: undefined,
    });
    h.hub.put(v4);
    await h.app.tick(false);
    expect((await stored('deepseek-ai/DeepSeek-V4')).providers).toBeNull();

    h.hub.update(v4._id, {
      inferenceProviderMapping: { together: { status: 'live', providerId: 'x', task: 'conversational' } },
    });
    await h.app.refreshMetrics();
    const after = (await stored('deepseek-ai/DeepSeek-V4')).providers;
    h.hub.update(v4._id, { inferenceProviderMapping: undefined });
    await h.app.refreshMetrics();

    expect(after).toEqual([{ provider: 'together', status: 'live' }]);
    expect((await stored('deepseek-ai/DeepSeek-V4')).providers).toEqual([{ provider: 'together', status: 'live' }]);
    const listing = h.hub.requests.find((r) => r.path === '/api/models' && r.query.get('sort') === 'downloads');
    expect(listing?.query.getAll('expand')).toContain('inferenceProviderMapping');
  });

  it('asks recent originals one by one when a listing does not carry providers at all', async () => {
    const v4 = repoWithFacts('deepseek-ai', 'DeepSeek-V4', {
      createdAt: '2026-11-28T00:00:00Z',
      inferenceProviderMapping: undefined,
    });
    h.hub.put(v4);
    await h.app.tick(false);
    h.hub.omitFromListings(['inferenceProviderMapping']);
    h.hub.update(v4._id, { inferenceProviderMapping: [{ provider: 'fireworks-ai', status: 'live', task: 'x' }] });
    h.hub.resetRequests();

    await h.app.refreshMetrics();

    expect((await stored('deepseek-ai/DeepSeek-V4')).providers).toEqual([{ provider: 'fireworks-ai', status: 'live' }]);
    const asked = h.hub.requests.filter((r) => r.path.startsWith('/api/models/'));
    expect(asked.map((r) => r.path)).toEqual(['/api/models/deepseek-ai/DeepSeek-V4/revision/HEAD']);
    expect(asked[0]!.query.getAll('expand')).toContain('inferenceProviderMapping');
  });
});
