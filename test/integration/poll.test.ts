import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliveries, labOrgs, models, releases } from '../../db/schema.js';
import { makeRepo } from '../fakes/hub/index.js';
import { usePollHarness, type PollHarness } from '../helpers/poll-harness.js';

const harness = usePollHarness();
let h: PollHarness;
let day = 0;
/** Repos created one after another, newest last. */
function repo(
  org: string,
  name: string,
  extra: Parameters<typeof makeRepo>[0] extends infer T ? Partial<T> : never = {},
) {
  day++;
  return makeRepo({ org, name, createdAt: new Date(Date.UTC(2026, 0, 1) + day * 3_600_000).toISOString(), ...extra });
}

function listingRequests() {
  return h.hub.requests.filter((r) => r.path === '/api/models');
}
function detailRequests() {
  return h.hub.requests.filter((r) => r.path.startsWith('/api/models/'));
}

beforeEach(async () => {
  h = harness();
  h.hub.put(repo('Qwen', 'Qwen2.5-7B'), repo('Qwen', 'Qwen2.5-72B'), repo('deepseek-ai', 'DeepSeek-V3'));
});

describe('baseline', () => {
  it('stores every repo of a newly tracked org silently on the first poll', async () => {
    const tick = await h.app.tick(false);
    await h.app.dispatch();

    expect(tick.polled.map((p) => p.mode)).toEqual(['baseline', 'baseline']);
    expect(await h.database.db.select().from(models)).toHaveLength(3);
    // What the org already had is history: two releases (the Qwen2.5 family, DeepSeek-V3), never alerted.
    const history = await h.database.db.select().from(releases);
    expect(history.map((r) => [r.title, r.historical]).sort()).toEqual([
      ['Qwen/Qwen2.5-72B', true],
      ['deepseek-ai/DeepSeek-V3', true],
    ]);
    expect(await h.database.db.select().from(deliveries)).toHaveLength(0);
    expect(h.out.text()).toBe('');
    const orgs = await h.database.db.select().from(labOrgs);
    expect(orgs.every((o) => o.baselineAt !== null)).toBe(true);
  });
});

describe('steady state', () => {
  beforeEach(async () => {
    await h.app.tick(false);
    h.hub.resetRequests();
  });

  it('makes one listing request per org and no detail request when nothing is new', async () => {
    await h.app.tick(false);

    expect(listingRequests()).toHaveLength(2);
    expect(detailRequests()).toHaveLength(0);
    const query = listingRequests()[0]!.query;
    expect(query.get('sort')).toBe('createdAt');
    expect(query.getAll('expand')).toContain('createdAt');
    expect(query.getAll('expand')).not.toContain('tags');
  });

  it('alerts one new repo once, with its details, and never again', async () => {
    h.hub.put(repo('deepseek-ai', 'DeepSeek-V4', { params: 685e9, license: 'mit', pipeline_tag: 'text-generation' }));

    const first = await h.app.tick(false);
    await h.app.dispatch();
    await h.app.tick(false);
    await h.app.dispatch();

    expect(first.releaseIds).toHaveLength(1);
    const text = h.out.text();
    expect(text.match(/New release/g)).toHaveLength(1);
    expect(text).toContain('🇨🇳 DeepSeek (CN)');
    expect(text).toContain(`${h.hub.url}/deepseek-ai/DeepSeek-V4`);
    expect(text).toContain('size 685B');
    expect(text).toContain('license mit');
    expect(text).toContain('task text-generation');
    expect(detailRequests()).toHaveLength(1);
  });

  it('folds a burst of sizes and their quantizations into one release', async () => {
    h.hub.put(
      repo('Qwen', 'Qwen3-8B', { params: 8e9 }),
      repo('Qwen', 'Qwen3-235B-A22B', { params: 235e9 }),
      repo('Qwen', 'Qwen3-8B-FP8', { baseModel: 'Qwen/Qwen3-8B', relation: 'quantized', params: 8e9 }),
    );

    const tick = await h.app.tick(false);
    await h.app.dispatch();

    expect(tick.releaseIds).toHaveLength(1);
    const [release] = await h.database.db.select().from(releases).where(eq(releases.historical, false));
    expect(release!.title).toBe('Qwen/Qwen3-235B-A22B');
    const text = h.out.text();
    expect(text.match(/New release/g)).toHaveLength(1);
    expect(text).toContain('models: Qwen/Qwen3-235B-A22B, Qwen/Qwen3-8B');
    expect(text).toContain('variants: Qwen/Qwen3-8B-FP8');
  });

  it('folds a later quantization into its parent release without a new alert', async () => {
    h.hub.put(repo('Qwen', 'Qwen3-8B', { params: 8e9 }));
    const [parentRelease] = (await h.app.tick(false)).releaseIds;
    await h.app.dispatch();
    h.out.clear();

    h.hub.put(repo('Qwen', 'Qwen3-8B-AWQ', { baseModel: 'Qwen/Qwen3-8B', relation: 'quantized' }));
    const tick = await h.app.tick(false);
    await h.app.dispatch();

    expect(tick.releaseIds).toHaveLength(0);
    const [variant] = await h.database.db.select().from(models).where(eq(models.repo, 'Qwen/Qwen3-8B-AWQ'));
    expect(variant).toMatchObject({ isVariant: true, releaseId: parentRelease });
    expect(h.out.text()).toBe('');
  });

  it('keeps a quantization of a model from before the baseline out of the console', async () => {
    h.hub.put(repo('Qwen', 'Qwen2.5-7B-GGUF', { baseModel: 'Qwen/Qwen2.5-7B', relation: 'quantized' }));

    const tick = await h.app.tick(false);
    await h.app.dispatch();

    expect(tick.releaseIds).toHaveLength(1);
    const [release] = await h.database.db.select().from(releases).where(eq(releases.historical, false));
    expect(release!.variantOnly).toBe(true);
    expect(await h.database.db.select().from(deliveries)).toHaveLength(0);
    expect(h.out.text()).toBe('');
  });

  it('treats a rename as an update and alerts nothing', async () => {
    const [original] = h.hub.repos().filter((r) => r.id === 'Qwen/Qwen2.5-72B');
    h.hub.rename(original!._id, 'Qwen/Qwen2.5-72B-Renamed');

    const tick = await h.app.tick(true);
    await h.app.dispatch();

    expect(tick.releaseIds).toHaveLength(0);
    const [row] = await h.database.db.select().from(models).where(eq(models.id, original!._id));
    expect(row!.repo).toBe('Qwen/Qwen2.5-72B-Renamed');
    expect(h.out.text()).toBe('');
  });
});
