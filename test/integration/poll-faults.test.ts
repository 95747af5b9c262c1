import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { labOrgs, models, releases } from '../../db/schema.js';
import { makeRepo } from '../fakes/hub/index.js';
import { createPollHarness, usePollHarness, type PollHarness } from '../helpers/poll-harness.js';

const harness = usePollHarness();
let h: PollHarness;

function at(hours: number) {
  return new Date(Date.UTC(2026, 0, 1) + hours * 3_600_000).toISOString();
}

beforeEach(async () => {
  h = harness();
  h.hub.put(
    makeRepo({ org: 'Qwen', name: 'Qwen2.5-7B', createdAt: at(1) }),
    makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', createdAt: at(2) }),
  );
  await h.app.tick(false);
  h.hub.resetRequests();
});

/** The live releases: what the baseline already had is history. */
async function releaseTitles() {
  return (await h.database.db.select().from(releases).where(eq(releases.historical, false))).map((r) => r.title).sort();
}

describe('hub faults', () => {
  it('waits out a 429 for the time the RateLimit header gives, then goes on', async () => {
    h.hub.put(makeRepo({ org: 'Qwen', name: 'Qwen3-8B', createdAt: at(10) }));
    h.hub.fault({
      kind: 'status',
      status: 429,
      headers: { RateLimit: '"api";r=0;t=7', 'Retry-After': '30' },
      match: { author: 'Qwen' },
    });

    const tick = await h.app.tick(false);

    expect(tick.failed).toEqual([]);
    expect(h.clock.slept).toContain(7_000);
    expect(await releaseTitles()).toEqual(['Qwen/Qwen3-8B']);
  });

  it('falls back to Retry-After when the 429 has no RateLimit reset', async () => {
    h.hub.fault({
      kind: 'status',
      status: 429,
      headers: { RateLimit: '"api";r=0', 'Retry-After': '3' },
      match: { author: 'Qwen' },
    });

    const tick = await h.app.tick(false);

    expect(tick.failed).toEqual([]);
    expect(h.clock.slept).toContain(3_000);
  });

  it('asks again once when a connection drops before any answer, and skips the org when it drops twice', async () => {
    h.hub.put(makeRepo({ org: 'Qwen', name: 'Qwen3-8B', createdAt: at(10) }));
    h.hub.fault({ kind: 'reset', match: { author: 'Qwen' } });

    const once = await h.app.tick(false);
    const qwenListings = () => h.hub.requests.filter((r) => r.query.get('author') === 'Qwen');

    expect(once.failed).toEqual([]);
    expect(qwenListings().map((r) => r.fault ?? r.status)).toEqual(['reset', 200]);
    expect(await releaseTitles()).toEqual(['Qwen/Qwen3-8B']);

    h.hub.resetRequests();
    h.hub.put(makeRepo({ org: 'Qwen', name: 'Qwen3-14B', createdAt: at(20) }));
    h.hub.fault({ kind: 'reset', match: { author: 'Qwen' }, times: 2 });
    const twice = await h.app.tick(false);

    expect(twice.failed.map((f) => f.org)).toEqual(['Qwen']);
    expect(qwenListings()).toHaveLength(2);
    expect(await releaseTitles()).toEqual(['Qwen/Qwen3-8B']);
  });

  it('skips an org that answers 5xx, changes nothing for it and still polls the others', async () => {
    h.hub.put(
      makeRepo({ org: 'Qwen', name: 'Qwen3-8B', createdAt: at(10) }),
      makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V4', createdAt: at(11) }),
    );
    h.hub.fault({ kind: 'status', status: 503, match: { author: 'Qwen' } });

    const failed = await h.app.tick(false);
    const [qwenOrg] = await h.database.db.select().from(labOrgs).where(eq(labOrgs.org, 'Qwen'));
    const recovered = await h.app.tick(false);

    expect(failed.failed.map((f) => f.org)).toEqual(['Qwen']);
    expect(failed.releaseIds).toHaveLength(1);
    expect(qwenOrg!.lastError).toContain('503');
    expect(recovered.failed).toEqual([]);
    expect(await releaseTitles()).toEqual(['Qwen/Qwen3-8B', 'deepseek-ai/DeepSeek-V4']);
  });

  it('skips an org whose listing is not JSON', async () => {
    h.hub.put(makeRepo({ org: 'Qwen', name: 'Qwen3-8B', createdAt: at(10) }));
    h.hub.fault({ kind: 'malformed-json', match: { author: 'Qwen' } });

    const tick = await h.app.tick(false);

    expect(tick.failed.map((f) => f.org)).toEqual(['Qwen']);
    expect(await releaseTitles()).toEqual([]);
  });

  it('drops a malformed item and keeps the rest of the page', async () => {
    h.hub.put(makeRepo({ org: 'Qwen', name: 'Qwen3-8B', createdAt: at(10) }));
    h.hub.fault({ kind: 'malformed-item', match: { author: 'Qwen' } });

    const tick = await h.app.tick(false);

    expect(tick.failed).toEqual([]);
    expect(await releaseTitles()).toEqual(['Qwen/Qwen3-8B']);
  });

  it('gives up on a request that hangs and skips that org for the tick', async () => {
    h.hub.fault({ kind: 'hang', match: { author: 'deepseek-ai' } });

    const tick = await h.app.tick(false);

    expect(tick.failed.map((f) => f.org)).toEqual(['deepseek-ai']);
    expect(tick.polled.map((p) => p.org)).toEqual(['Qwen']);
  });

  it('changes nothing when the details of a new repo fail', async () => {
    h.hub.put(makeRepo({ org: 'Qwen', name: 'Qwen3-8B', createdAt: at(10) }));
    h.hub.fault({ kind: 'status', status: 500, match: { path: /^\/api\/models\/Qwen\// } });

    const failed = await h.app.tick(false);
    const stored = await h.database.db.select().from(models).where(eq(models.repo, 'Qwen/Qwen3-8B'));
    const retried = await h.app.tick(false);

    expect(failed.failed.map((f) => f.org)).toEqual(['Qwen']);
    expect(stored).toEqual([]);
    expect(retried.releaseIds).toHaveLength(1);
  });
});

describe('visibility', () => {
  it('alerts a repo created privately when it turns public on the first page', async () => {
    const secret = makeRepo({ org: 'Qwen', name: 'Qwen3-Max', createdAt: at(10), private: true });
    h.hub.put(secret);
    const whilePrivate = await h.app.tick(false);

    h.hub.update(secret._id, { private: false });
    const afterFlip = await h.app.tick(false);

    expect(whilePrivate.releaseIds).toEqual([]);
    expect(afterFlip.releaseIds).toHaveLength(1);
  });

  it('finds a repo created long ago and made public now with the reconcile, past the first page', async () => {
    const old = makeRepo({ org: 'Qwen', name: 'Qwen-Secret-Old', createdAt: at(0), private: true });
    h.hub.put(old);
    for (let i = 0; i < 15; i++) h.hub.put(makeRepo({ org: 'Qwen', name: `Qwen-Filler-${i}`, createdAt: at(20 + i) }));
    await h.app.tick(false);
    await h.app.tick(true);
    const before = (await h.database.db.select().from(releases)).length;

    h.hub.update(old._id, { private: false });
    const steady = await h.app.tick(false);
    const full = await h.app.tick(true);

    expect(steady.releaseIds).toEqual([]);
    expect(full.releaseIds).toHaveLength(1);
    expect((await h.database.db.select().from(releases)).length).toBe(before + 1);
    const [row] = await h.database.db.select().from(models).where(eq(models.id, old._id));
    expect(row!.firstSeenPublicAt).not.toBeNull();
  });

  it('pages further while a whole page is new and stops at the first known repo', async () => {
    for (let i = 0; i < 14; i++) h.hub.put(makeRepo({ org: 'Qwen', name: `Qwen4-Part${i}`, createdAt: at(30 + i) }));

    const tick = await h.app.tick(false);

    expect(tick.polled.find((p) => p.org === 'Qwen')!.releaseIds.length).toBeGreaterThan(0);
    const stored = await h.database.db.select().from(models).where(eq(models.org, 'Qwen'));
    expect(stored).toHaveLength(15);
    expect(h.hub.requests.filter((r) => r.path === '/api/models' && r.query.get('author') === 'Qwen')).toHaveLength(2);
  });

  it('with a token, stores a private repo and alerts it when it turns public', async () => {
    const database = h.database;
    await h.close();
    h = await createPollHarness(database, { hubToken: 'hf_test', tokens: { hf_test: ['Qwen'] } });
    onTestFinished(h.close);
    h.hub.put(makeRepo({ org: 'Qwen', name: 'Qwen2.5-7B', createdAt: at(1) }));
    await h.app.tick(false);
    const secret = makeRepo({ org: 'Qwen', name: 'Qwen3-Omni', createdAt: at(50), private: true });
    h.hub.put(secret);

    const whilePrivate = await h.app.tick(false);
    const [stored] = await h.database.db.select().from(models).where(eq(models.id, secret._id));
    h.hub.update(secret._id, { private: false });
    const afterFlip = await h.app.tick(false);

    expect(whilePrivate.releaseIds).toEqual([]);
    expect(stored).toMatchObject({ private: true, firstSeenPublicAt: null });
    expect(afterFlip.releaseIds).toHaveLength(1);
    expect(h.hub.requests.every((r) => r.authorization === 'Bearer hf_test')).toBe(true);
  });
});

describe('replicas', () => {
  it('turns a new repo into exactly one release when two replicas poll at once', async () => {
    h.hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V4', createdAt: at(40) }));
    const other = h.replica();

    const [a, b] = await Promise.all([h.app.tick(false), other.tick(false)]);

    expect(a.releaseIds.length + b.releaseIds.length).toBe(1);
    expect(await releaseTitles()).toEqual(['deepseek-ai/DeepSeek-V4']);
  });
});
