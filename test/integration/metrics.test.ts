import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { models, modelSnapshots } from '../../db/schema.js';
import { makeRepo } from '../fakes/hub/index.js';
import { usePollHarness } from '../helpers/poll-harness.js';

const harness = usePollHarness();

describe('metrics refresh', () => {
  it('updates downloads, likes and trending scores with one request per org', async () => {
    const h = harness();
    const v3 = makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', downloads: 10, likes: 1, trendingScore: 0 });
    h.hub.put(v3, makeRepo({ org: 'Qwen', name: 'Qwen3-8B', downloads: 5 }));
    await h.app.tick(false);
    h.hub.update(v3._id, { downloads: 123_456, likes: 789, trendingScore: 42 });
    h.hub.resetRequests();

    await h.app.refreshMetrics();

    const [row] = await h.database.db.select().from(models).where(eq(models.id, v3._id));
    expect(row).toMatchObject({ downloads: 123_456, likes: 789, trendingScore: 42 });
    expect(row!.metricsAt).not.toBeNull();
    expect(h.hub.requests).toHaveLength(2);
    expect(h.hub.requests[0]!.query.getAll('expand')).toContain('trendingScore');
  });

  it('skips an org whose request fails and refreshes the others', async () => {
    const h = harness();
    const v3 = makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', downloads: 10 });
    const qwen = makeRepo({ org: 'Qwen', name: 'Qwen3-8B', downloads: 5 });
    h.hub.put(v3, qwen);
    await h.app.tick(false);
    h.hub.update(v3._id, { downloads: 99 });
    h.hub.update(qwen._id, { downloads: 77 });
    h.hub.fault({ kind: 'status', status: 502, match: { author: 'Qwen' } });

    await h.app.refreshMetrics();

    const rows = await h.database.db.select().from(models);
    expect(rows.find((r) => r.id === v3._id)!.downloads).toBe(99);
    expect(rows.find((r) => r.id === qwen._id)!.downloads).toBe(5);
  });
});

const DAY = 86_400_000;

describe('metric history', () => {
  async function snapshots(h: ReturnType<typeof harness>, id: string) {
    const [model] = await h.database.db.select({ seq: models.seq }).from(models).where(eq(models.id, id));
    return h.database.db
      .select()
      .from(modelSnapshots)
      .where(eq(modelSnapshots.modelSeq, model!.seq!))
      .orderBy(modelSnapshots.day);
  }

  it('keeps one snapshot per model and day from the refresh’s own request, derivatives by relation', async () => {
    const h = harness();
    const v3 = makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', downloads: 10, likes: 1 });
    h.hub.put(v3, makeRepo({ org: 'Qwen', name: 'Qwen3-8B', downloads: 5 }));
    await h.app.tick(false);
    h.hub.update(v3._id, {
      downloads: 500,
      likes: 40,
      downloadsAllTime: 9000,
      childrenModelCount: { finetune: 12, quantized: 30, adapter: 2, merge: 1 },
    });
    h.hub.resetRequests();

    await h.app.refreshMetrics();
    h.clock.advance(3 * 3_600_000);
    await h.app.refreshMetrics();

    expect(h.hub.requests).toHaveLength(4);
    expect(h.hub.requests[0]!.query.getAll('expand')).toEqual(
      expect.arrayContaining(['trendingScore', 'downloadsAllTime', 'childrenModelCount']),
    );
    const rows = await snapshots(h, v3._id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      day: '2026-11-29',
      downloads: 500,
      likes: 40,
      downloadsAllTime: 9000,
      finetunes: 12,
      quantizations: 30,
      adapters: 2,
      merges: 1,
    });
    const [row] = await h.database.db.select().from(models).where(eq(models.id, v3._id));
    expect(row).toMatchObject({ downloadsAllTime: 9000, finetunes: 12, quantizations: 30 });
  });

  it('reckons growth against the snapshots of 7 and 30 days before, none with too little history', async () => {
    const h = harness();
    const v3 = makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', downloads: 1000, likes: 100 });
    h.hub.put(v3);
    await h.app.tick(false);

    h.clock.advance(7 * DAY);
    h.hub.update(v3._id, { downloads: 1600, likes: 130 });
    const late = makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3.1', createdAt: '2026-12-01T00:00:00Z', likes: 5 });
    h.hub.put(late);
    await h.app.tick(false);
    await h.app.refreshMetrics();

    const [week] = await h.database.db.select().from(models).where(eq(models.id, v3._id));
    expect(week).toMatchObject({ likesGained7d: 30, downloadsChange7d: 600, likesGained30d: null });
    const [fresh] = await h.database.db.select().from(models).where(eq(models.id, late._id));
    expect(fresh).toMatchObject({ likesGained7d: null, likesGained30d: null });

    h.clock.advance(24 * DAY);
    h.hub.update(v3._id, { downloads: 1200, likes: 160 });
    await h.app.refreshMetrics();

    const [month] = await h.database.db.select().from(models).where(eq(models.id, v3._id));
    expect(month).toMatchObject({ likesGained30d: 60, downloadsChange30d: 200, likesGained7d: null });
  });

  it('deletes the snapshots older than the retention', async () => {
    const h = harness();
    const v3 = makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3' });
    h.hub.put(v3);
    await h.app.tick(false);
    const [model] = await h.database.db.select({ seq: models.seq }).from(models);
    await h.database.db.insert(modelSnapshots).values(
      [399, 400, 401].map((daysAgo) => ({
        modelSeq: model!.seq!,
        day: new Date(h.clock.now().getTime() - daysAgo * DAY).toISOString().slice(0, 10),
        downloads: 1,
        likes: 1,
        trendingScore: 0,
      })),
    );

    await h.app.refreshMetrics();

    expect((await snapshots(h, v3._id)).map((r) => r.day)).toEqual(['2025-10-25', '2025-10-26', '2026-11-29']);
  });
});
