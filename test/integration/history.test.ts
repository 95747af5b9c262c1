import { and, eq, isNull } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliveries, labOrgs, models, releases, subscriptions } from '../../db/schema.js';
import { fanOut } from '../../src/delivery/fan-out.js';
import { dispatchDue } from '../../src/delivery/dispatcher.js';
import type { AlertAdapter } from '../../src/platforms/platform.js';
import type { ReleaseView } from '../../src/platforms/release-view.js';
import { silentLogger } from '../../src/shared/logger.js';
import { LEGACY_CREATED_AT, makeRepo } from '../fakes/hub/index.js';
import { usePollHarness, type PollHarness } from '../helpers/poll-harness.js';

const harness = usePollHarness();
let h: PollHarness;

const at = (day: number) => new Date(Date.UTC(2025, 3, 1) + day * 86_400_000).toISOString();

function qwen(name: string, day: number, extra: Partial<Parameters<typeof makeRepo>[0]> = {}) {
  return makeRepo({ org: 'Qwen', name, createdAt: at(day), ...extra });
}

/** Every release, with its repos, by title. */
async function releasesByTitle() {
  const rows = await h.database.db.select().from(releases);
  const members = await h.database.db.select({ repo: models.repo, releaseId: models.releaseId }).from(models);
  return new Map(
    rows.map((r) => [
      r.title,
      {
        ...r,
        repos: members
          .filter((m) => m.releaseId === r.id)
          .map((m) => m.repo)
          .sort(),
      },
    ]),
  );
}

beforeEach(() => {
  h = harness();
  h.hub.put(
    qwen('Qwen2.5-7B', 0, { params: 7.6e9 }),
    qwen('Qwen2.5-72B-Instruct', 2, { params: 72.7e9 }),
    qwen('Qwen2.5-7B-Instruct-GGUF', 45, { baseModel: 'Qwen/Qwen2.5-7B' }),
    qwen('Qwen3-8B', 200),
    qwen('Qwen3-Next-80B', 300, { private: true }),
    makeRepo({ org: 'Qwen', name: 'Qwen-7B', createdAt: LEGACY_CREATED_AT }),
    makeRepo({ org: 'Qwen', name: 'Qwen-14B', createdAt: '2022-03-02T23:29:05.000Z' }),
    makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', createdAt: at(100), params: 671e9 }),
  );
});

describe('history from the baseline', () => {
  it('turns the repos a new org already has into historical releases by the live rules, alerting nothing', async () => {
    await h.database.db.update(subscriptions).set({ variants: true });

    await h.app.tick(false);
    await h.app.dispatch();

    const byTitle = await releasesByTitle();
    expect([...byTitle.keys()].sort()).toEqual([
      'Qwen/Qwen-14B',
      'Qwen/Qwen2.5-72B-Instruct',
      'Qwen/Qwen3-8B',
      'deepseek-ai/DeepSeek-V3',
    ]);
    expect(byTitle.get('Qwen/Qwen2.5-72B-Instruct')).toMatchObject({
      historical: true,
      undated: false,
      variantOnly: false,
      firstSeenAt: new Date(at(0)),
      repos: ['Qwen/Qwen2.5-72B-Instruct', 'Qwen/Qwen2.5-7B', 'Qwen/Qwen2.5-7B-Instruct-GGUF'],
    });
    expect(byTitle.get('Qwen/Qwen-14B')).toMatchObject({
      historical: true,
      undated: true,
      repos: ['Qwen/Qwen-14B', 'Qwen/Qwen-7B'],
    });
    expect([...byTitle.values()].every((r) => r.historical)).toBe(true);
    const [gguf] = await h.database.db.select().from(models).where(eq(models.repo, 'Qwen/Qwen2.5-7B-Instruct-GGUF'));
    expect(gguf).toMatchObject({ isVariant: true });
    // The private repo is not listed to an anonymous caller: it will be news when it turns public.
    expect(await h.database.db.select().from(models).where(isNull(models.releaseId))).toEqual([]);
    expect(await h.database.db.select().from(deliveries)).toHaveLength(0);
    expect(h.out.text()).toBe('');
    expect((await h.database.db.select().from(labOrgs)).every((o) => o.historyAt !== null)).toBe(true);
  });

  it('reads sizes and licenses from the listing alone, one request per org', async () => {
    await h.app.tick(false);

    expect(h.hub.requests.map((r) => r.path)).toEqual(['/api/models', '/api/models']);
    const expand = h.hub.requests[0]!.query.getAll('expand');
    expect(expand).toEqual(expect.arrayContaining(['createdAt', 'tags', 'safetensors', 'childrenModelCount']));
    const [v3] = await h.database.db.select().from(models).where(eq(models.repo, 'deepseek-ai/DeepSeek-V3'));
    expect(v3).toMatchObject({ params: 671e9, license: 'apache-2.0' });
  });

  it('alerts a repo that turns public after the baseline, and folds none of it into history', async () => {
    await h.app.tick(false);
    const hidden = h.hub.repos().find((r) => r.id === 'Qwen/Qwen3-Next-80B')!;
    h.hub.update(hidden._id, { private: false });
    h.hub.put(qwen('Qwen2.5-72B-Instruct-AWQ', 400, { baseModel: 'Qwen/Qwen2.5-72B-Instruct' }));
    await h.database.db.update(subscriptions).set({ variants: true });

    const tick = await h.app.tick(false);
    await h.app.dispatch();

    expect(tick.releaseIds).toHaveLength(2);
    const live = await h.database.db.select().from(releases).where(eq(releases.historical, false));
    expect(live.map((r) => r.title).sort()).toEqual(['Qwen/Qwen2.5-72B-Instruct-AWQ', 'Qwen/Qwen3-Next-80B']);
    expect(h.out.text().match(/New release|New variant/g)).toHaveLength(2);
  });
});

describe('history for an install from before it', () => {
  beforeEach(async () => {
    await h.app.tick(false);
    // What an older version left: a baseline without releases, sizes or history.
    await h.database.db.update(models).set({ releaseId: null, isVariant: false, params: null, license: null });
    await h.database.db.delete(releases);
    await h.database.db.update(labOrgs).set({ historyAt: null });
    h.hub.resetRequests();
  });

  it('derives it on the first tick, silently, and alerts only what is new', async () => {
    h.hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V4', createdAt: at(420) }));

    const first = await h.app.tick(false);
    await h.app.dispatch();
    const second = await h.app.tick(false);

    expect(first.releaseIds).toHaveLength(1);
    expect(second.releaseIds).toHaveLength(0);
    expect(h.out.text().match(/New release/g)).toHaveLength(1);
    expect(h.out.text()).toContain('DeepSeek-V4');
    const historical = await h.database.db.select().from(releases).where(eq(releases.historical, true));
    expect(historical).toHaveLength(4);
    const [v3] = await h.database.db.select().from(models).where(eq(models.repo, 'deepseek-ai/DeepSeek-V3'));
    expect(v3!.params).toBe(671e9);
    // The second tick finds the history done: one small listing per org, nothing more.
    const listings = h.hub.requests.filter((r) => r.path === '/api/models');
    expect(listings.filter((r) => r.query.getAll('expand').includes('tags'))).toHaveLength(2);
  });
});

describe('backfill', () => {
  it('adds only what is missing when run again, and says so', async () => {
    const first = await h.app.backfill();
    const second = await h.app.backfill();

    expect(first).toMatchObject({ orgs: 2, baselines: 2, releases: 4, undated: 1, failed: [] });
    expect(second).toMatchObject({ orgs: 2, baselines: 0, releases: 0, models: 0, failed: [] });
    expect(second.listed).toBe(7);
    expect(await h.database.db.select().from(releases)).toHaveLength(4);
  });

  it('goes on past an org that fails, and a later run adds what that org still misses', async () => {
    await h.app.tick(false);
    await h.database.db.update(models).set({ releaseId: null });
    await h.database.db.delete(releases);
    h.hub.fault({ kind: 'status', status: 502, match: { author: 'Qwen' } });

    const broken = await h.app.backfill();
    const resumed = await h.app.backfill();

    expect(broken).toMatchObject({ orgs: 2, releases: 1, failed: [{ org: 'Qwen', error: 'hub answered 502' }] });
    expect(resumed).toMatchObject({ orgs: 2, releases: 3, failed: [] });
    expect(await h.database.db.select().from(releases)).toHaveLength(4);
  });

  it('limits history to repos created since a date, and a later full run adds the rest', async () => {
    await h.app.tick(false);
    await h.database.db.update(models).set({ releaseId: null });
    await h.database.db.delete(releases);
    h.hub.resetRequests();

    const recent = await h.app.backfill({ since: new Date(at(150)), orgs: ['qwen'] });
    const rest = await h.app.backfill({ orgs: ['Qwen'] });

    expect(recent).toMatchObject({ orgs: 1, releases: 1, models: 1 });
    expect(rest).toMatchObject({ orgs: 1, releases: 2 });
    expect(await h.database.db.select().from(releases)).toHaveLength(3);
  });

  it('makes each repo part of one release when two processes derive the same history at once', async () => {
    await h.app.tick(false);
    await h.database.db.update(models).set({ releaseId: null });
    await h.database.db.delete(releases);

    const [a, b] = await Promise.all([h.app.backfill(), h.replica().backfill()]);

    expect(a.releases + b.releases).toBe(4);
    expect(a.models + b.models).toBe(7);
    expect(await h.database.db.select().from(releases)).toHaveLength(4);
  });

  it('lists 500 repos per request, never one request per repo', async () => {
    h.hub.put(
      ...Array.from({ length: 1100 }, (_, i) =>
        makeRepo({ org: 'Qwen', name: `Tiny-${i}-0.5B`, createdAt: at(500 + i) }),
      ),
    );

    const summary = await h.app.backfill();

    expect(h.hub.requests.map((r) => r.path)).toEqual(Array(4).fill('/api/models'));
    expect(summary.requests).toBe(4);
    expect(summary.listed).toBe(1107);
  });
});

describe('never sent', () => {
  it('writes no delivery for a historical release, and a digest never carries one', async () => {
    await h.app.tick(false);
    await h.database.db.update(subscriptions).set({ mode: 'daily', variants: true });
    const [lab] = await h.database.db.select().from(releases).where(eq(releases.historical, true));

    const written = await h.database.db.transaction((tx) =>
      fanOut(
        tx,
        { id: lab!.id, labId: lab!.labId, country: 'CN', tasks: [], variantOnly: false, historical: true },
        h.clock.now(),
      ),
    );
    const [sub] = await h.database.db.select().from(subscriptions);
    await h.database.db
      .insert(deliveries)
      .values({ subscriptionId: sub!.id, releaseId: lab!.id, dueAt: h.clock.now() });
    const digests: ReleaseView[][] = [];
    const adapter: AlertAdapter = {
      platform: 'console',
      async postAlert() {
        throw new Error('nothing should be sent');
      },
      async postDigest(_destination, list) {
        digests.push([...list]);
        return { ref: 'digest' };
      },
    };
    await dispatchDue({
      db: h.database.db,
      adapters: [adapter],
      logger: silentLogger(),
      now: () => h.clock.now(),
      owner: 'test',
    });

    expect(written).toBe(0);
    expect(digests).toEqual([]);
    const [row] = await h.database.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.releaseId, lab!.id)));
    expect(row!.state).toBe('pending');
  });
});
