import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { models } from '../../db/schema.js';
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
