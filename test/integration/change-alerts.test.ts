import { eq, isNotNull } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliveries, modelChanges, models, subscriptions } from '../../db/schema.js';
import { DeliveryError } from '../../src/platforms/platform.js';
import { makeRepo } from '../fakes/hub/index.js';
import type { FakeRepo } from '../fakes/hub/types.js';
import { createNoticeRecorder } from '../helpers/notice-recorder.js';
import { usePollHarness, type PollHarness } from '../helpers/poll-harness.js';

const recorder = createNoticeRecorder();
const harness = usePollHarness({ adapters: [recorder] });
let h: PollHarness;

const WANTS = 'test:changes';
const PLAIN = 'test:plain';
const US_ONLY = 'test:us-only';

function at(hours: number) {
  return new Date(Date.UTC(2026, 0, 1) + hours * 3_600_000).toISOString();
}

const QWEN3_8B = makeRepo({ org: 'Qwen', name: 'Qwen3-8B', createdAt: at(1), license: 'apache-2.0' });
const QWEN3_32B = makeRepo({ org: 'Qwen', name: 'Qwen3-32B', createdAt: at(2), license: 'apache-2.0' });
const DEEPSEEK_V3 = makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', createdAt: at(3), license: 'mit' });

/** The repo as the Hub now has it, with its license changed in its tags and its card. */
function relicensed(repo: FakeRepo, license: string): Partial<FakeRepo> {
  return {
    tags: (repo.tags ?? []).map((t) => (t.startsWith('license:') ? `license:${license}` : t)),
    cardData: { ...repo.cardData, license },
  };
}

function notices(destination: string) {
  return recorder.to(destination).filter((p) => p.kind === 'notice');
}

async function round(full = false) {
  await h.app.tick(full);
  await h.app.dispatch();
}

async function stored(id: string) {
  const [row] = await h.database.db.select().from(models).where(eq(models.id, id));
  return row!;
}

beforeEach(async () => {
  h = harness();
  recorder.posts.length = 0;
  recorder.failures.length = 0;
  h.hub.put(QWEN3_8B, QWEN3_32B, DEEPSEEK_V3);
  const base = { workspaceId: h.seeded.workspaceId, platform: 'test' };
  await h.database.db.insert(subscriptions).values([
    { ...base, destination: WANTS, changes: true },
    { ...base, destination: PLAIN, changes: false },
    { ...base, destination: US_ONLY, changes: true, countries: ['US'] },
  ]);
  // The baseline makes the repos historical releases: their models belong to a release.
  await round();
  h.hub.resetRequests();
});

describe('license changes', () => {
  it('sends one notice from the metrics listing to a changes subscription, none to others, none again', async () => {
    h.hub.update(QWEN3_8B._id, relicensed(QWEN3_8B, 'other'));

    await h.app.refreshMetrics();
    await h.app.dispatch();
    const listings = h.hub.requests.filter((r) => r.path === '/api/models');
    await h.app.refreshMetrics();
    await round();

    expect(listings).toHaveLength(2);
    expect(listings[0]!.query.getAll('expand')).toContain('tags');
    expect(notices(WANTS).map((p) => p.text)).toEqual([
      expect.stringContaining('Qwen/Qwen3-8B: license apache-2.0 → other'),
    ]);
    expect(notices(PLAIN)).toEqual([]);
    expect(notices(US_ONLY)).toEqual([]);
    expect(h.out.text()).not.toContain('license');
    expect((await stored(QWEN3_8B._id)).license).toBe('other');
  });

  it('takes a listing without a license tag as a change to none', async () => {
    h.hub.update(QWEN3_8B._id, { tags: (QWEN3_8B.tags ?? []).filter((t) => !t.startsWith('license:')) });

    await h.app.refreshMetrics();
    await h.app.dispatch();

    expect(notices(WANTS).map((p) => p.text)).toEqual([expect.stringContaining('license apache-2.0 → none')]);
  });
});

describe('gating', () => {
  it('sends one notice when a released model turns gated and one when it turns open again', async () => {
    h.hub.update(QWEN3_8B._id, { gated: 'manual' });
    await round();
    await round();
    h.hub.update(QWEN3_8B._id, { gated: false });
    await round();

    expect(notices(WANTS).map((p) => p.text)).toEqual([
      expect.stringContaining('Qwen/Qwen3-8B: gated: no → manual'),
      expect.stringContaining('Qwen/Qwen3-8B: gated: manual → no'),
    ]);
    expect(notices(PLAIN)).toEqual([]);
    // The steady listing is all it took: no request beyond one listing per org and tick.
    expect(h.hub.requests.filter((r) => r.path !== '/api/models')).toEqual([]);
  });
});

describe('withdrawal', () => {
  it('is inferred only from a full listing, once, and a model listed again is public again', async () => {
    h.hub.remove(QWEN3_32B._id);

    await round();
    const afterSteady = await stored(QWEN3_32B._id);
    await round(true);
    const afterFull = await stored(QWEN3_32B._id);
    await round(true);
    h.hub.put(QWEN3_32B);
    await round(true);

    expect(afterSteady.removedAt).toBeNull();
    expect(afterFull.removedAt).toEqual(h.clock.now());
    expect((await stored(QWEN3_32B._id)).removedAt).toBeNull();
    expect(notices(WANTS).map((p) => p.text)).toEqual([
      expect.stringContaining('Qwen/Qwen3-32B: withdrawn: no longer public (made private or deleted)'),
      expect.stringContaining('Qwen/Qwen3-32B: public again'),
    ]);
    expect(notices(PLAIN)).toEqual([]);
  });

  it('takes a rename for the same model, not a change', async () => {
    h.hub.rename(QWEN3_32B._id, 'Qwen/Qwen3-32B-Instruct');

    await round(true);

    expect((await stored(QWEN3_32B._id)).repo).toBe('Qwen/Qwen3-32B-Instruct');
    expect(await h.database.db.select().from(modelChanges)).toEqual([]);
    expect(notices(WANTS)).toEqual([]);
  });

  it('asks the Hub before telling: a repo moved to another org is renamed, not withdrawn', async () => {
    h.hub.rename(QWEN3_32B._id, 'qwen-archive/Qwen3-32B');

    await round(true);

    expect((await stored(QWEN3_32B._id)).repo).toBe('qwen-archive/Qwen3-32B');
    expect((await stored(QWEN3_32B._id)).removedAt).toBeNull();
    expect(await h.database.db.select().from(modelChanges)).toEqual([]);
    expect(notices(WANTS)).toEqual([]);
    const asked = h.hub.requests.filter((r) => r.path.startsWith('/api/models/'));
    expect(asked.map((r) => [r.path, r.status])).toEqual([
      ['/api/models/Qwen/Qwen3-32B/revision/HEAD', 307],
      ['/api/models/qwen-archive/Qwen3-32B/revision/HEAD', 200],
    ]);
  });

  it('keeps a model that a full listing left out while the Hub still shows it', async () => {
    h.hub.fault({ kind: 'malformed-item', match: { author: 'Qwen' } });

    await round(true);
    await round(true);

    expect(await h.database.db.select().from(models).where(isNotNull(models.removedAt))).toEqual([]);
    expect(await h.database.db.select().from(modelChanges)).toEqual([]);
    expect(notices(WANTS)).toEqual([]);
  });

  it('infers nothing when the Hub fails in the middle of a full listing', async () => {
    // More than a page of newer repos, so the stored ones come on a later page, which fails.
    h.hub.put(
      ...Array.from({ length: 1001 }, (_, i) => makeRepo({ org: 'Qwen', name: `filler-${i}`, createdAt: at(100 + i) })),
    );
    h.hub.remove(QWEN3_32B._id);
    h.hub.fault({ kind: 'delay', ms: 1, match: { author: 'Qwen' } });
    h.hub.fault({ kind: 'status', status: 503, match: { author: 'Qwen' } });

    const tick = await h.app.tick(true);
    await h.app.dispatch();

    expect(tick.failed.map((f) => f.org)).toEqual(['Qwen']);
    expect(h.hub.requests.filter((r) => r.path === '/api/models' && r.query.get('author') === 'Qwen')).toHaveLength(2);
    expect((await stored(QWEN3_32B._id)).removedAt).toBeNull();
    expect(await h.database.db.select().from(modelChanges)).toEqual([]);
    expect(await h.database.db.select().from(deliveries)).toEqual([]);
  });
});

describe('delivery of a change', () => {
  it('is retried after a failure and sent once, and waits while its channel is paused', async () => {
    h.hub.update(QWEN3_8B._id, { gated: 'auto' });
    recorder.failures.push(new DeliveryError('test 502', 'retry'));

    await round();
    const [afterFailure] = await h.database.db.select().from(deliveries).where(isNotNull(deliveries.changeId));
    h.clock.advance(10 * 60_000);
    await h.app.dispatch();
    await h.app.dispatch();

    expect(afterFailure).toMatchObject({ state: 'pending', attempts: 1, lastError: 'test 502' });
    expect(notices(WANTS).map((p) => p.text)).toEqual([expect.stringContaining('gated: no → auto')]);

    h.hub.update(QWEN3_8B._id, { gated: false });
    recorder.failures.push(new DeliveryError('channel gone', 'pause'));
    await round();
    const [paused] = await h.database.db.select().from(subscriptions).where(eq(subscriptions.destination, WANTS));
    h.clock.advance(60 * 60_000);
    await h.app.dispatch();

    expect(paused!.pausedAt).not.toBeNull();
    expect(notices(WANTS)).toHaveLength(1);
    const waiting = await h.database.db.select().from(deliveries).where(eq(deliveries.state, 'pending'));
    expect(waiting.map((d) => d.subscriptionId)).toEqual([paused!.id]);
  });
});
