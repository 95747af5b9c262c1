import { eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliveries, labs, modelChanges, models, releases, subscriptions } from '../../db/schema.js';
import { seedDefaults } from '../../db/seed.js';
import { pruneSent } from '../../src/delivery/dead-letters.js';
import { resetDatabase } from '../helpers/test-database.js';
import { useCliDatabase } from '../helpers/run-cli.js';

const DAY = 24 * 60 * 60 * 1000;
const { cli, withDatabase } = useCliDatabase('fw-report-');

let changeDelivery: number;
let reportDelivery: number;

// This week: two DeepSeek releases and one from Qwen; a Qwen release from three weeks ago; a history
// release and a variant-only one this week, which the report leaves out. A change and a report failed.
beforeEach(async () => {
  await withDatabase(async (handle) => {
    await resetDatabase(handle);
    const { db } = handle;
    await seedDefaults(db);
    const lab = async (name: string) => (await db.select().from(labs).where(eq(labs.name, name)))[0]!.id;
    const deepseek = await lab('DeepSeek');
    const qwen = await lab('Alibaba Qwen');
    const now = Date.now();
    const made = await db
      .insert(releases)
      .values([
        { labId: deepseek, title: 'deepseek-ai/DeepSeek-V4', firstSeenAt: new Date(now - DAY) },
        { labId: deepseek, title: 'deepseek-ai/DeepSeek-OCR-2', firstSeenAt: new Date(now - 2 * DAY) },
        { labId: qwen, title: 'Qwen/Qwen3.5-9B', firstSeenAt: new Date(now - 3 * DAY) },
        { labId: qwen, title: 'Qwen/Qwen3-8B', firstSeenAt: new Date(now - 21 * DAY) },
        { labId: qwen, title: 'Qwen/Qwen2-7B', firstSeenAt: new Date(now - 2 * DAY), historical: true },
        { labId: qwen, title: 'Qwen/Qwen3.5-9B-AWQ', firstSeenAt: new Date(now - DAY), variantOnly: true },
      ])
      .returning({ id: releases.id, title: releases.title });
    const model = (i: number, likes: number) => ({
      id: `m${i}`,
      repo: made[i]!.title,
      org: made[i]!.title.split('/')[0]!,
      labId: i < 2 ? deepseek : qwen,
      releaseId: made[i]!.id,
      likes,
      license: 'apache-2.0',
    });
    await db.insert(models).values([model(0, 900), model(1, 300), model(2, 120), model(3, 5000), model(4, 9000)]);
    const [change] = await db
      .insert(modelChanges)
      .values({
        modelId: 'm3',
        labId: qwen,
        repo: 'Qwen/Qwen3-8B',
        field: 'license',
        before: 'apache-2.0',
        after: 'other',
        detectedAt: new Date(now - DAY),
      })
      .returning({ id: modelChanges.id });
    const [sub] = await db.select().from(subscriptions);
    const rows = await db
      .insert(deliveries)
      .values([
        { subscriptionId: sub!.id, changeId: change!.id, state: 'failed', attempts: 12, lastError: 'HTTP 500' },
        { subscriptionId: sub!.id, reportWeek: '2026-11-30', state: 'failed', attempts: 12, lastError: 'HTTP 502' },
      ])
      .returning({ id: deliveries.id });
    [changeDelivery, reportDelivery] = rows.map((r) => r.id) as [number, number];
  });
}, 120_000);

describe('floodwatch run report', { timeout: 90_000 }, () => {
  it('prints the neutral reply with the numbers in data, and the text report', async () => {
    const json = await cli('run', 'report', '--json');
    const text = await cli('run', 'report', 'days:30');

    expect(json.code).toBe(0);
    const reply = JSON.parse(json.out) as { title: string; data: Record<string, unknown>; chart: { points: unknown } };
    expect(reply.title).toMatch(/^The state of open models: \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d$/);
    expect(reply.data).toMatchObject({
      days: 7,
      releases: 3,
      labs: 2,
      countries: [{ country: 'CN', releases: 3, share: 1 }],
      byLab: [
        { lab: 'DeepSeek', country: 'CN', releases: 2 },
        { lab: 'Alibaba Qwen', country: 'CN', releases: 1 },
      ],
      mostLiked: [
        { repo: 'deepseek-ai/DeepSeek-V4', likes: 900 },
        { repo: 'deepseek-ai/DeepSeek-OCR-2', likes: 300 },
        { repo: 'Qwen/Qwen3.5-9B', likes: 120 },
      ],
    });
    expect(reply.chart.points).toEqual([{ x: 'CN', series: 'CN', value: 3 }]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('4 releases in the last 30 days from 2 labs in 1 country.');
    expect(text.out).toContain('Qwen/Qwen3-8B · 🇨🇳 Alibaba Qwen · 5K likes');
  });

  it('refuses a bad span with exit code 2', async () => {
    const result = await cli('run', 'report', 'days:0');

    expect(result.code).toBe(2);
    expect(result.err).toContain('days must be from 1 to 90, not 0');
  });
});

describe('floodwatch deliveries with changes and reports', { timeout: 90_000 }, () => {
  it('lists what each delivery is about and retries them', async () => {
    const listed = await cli('deliveries', 'list', '--failed');
    const json = await cli('deliveries', 'list', '--json');
    const retried = await cli('deliveries', 'retry', String(changeDelivery), String(reportDelivery));

    expect(listed.out).toContain(`#${changeDelivery}  failed  12 attempts`);
    expect(listed.out).toContain('change Qwen/Qwen3-8B: license apache-2.0 → other');
    expect(listed.out).toContain('weekly report, week of 2026-11-30');
    const rows = JSON.parse(json.out) as { kind: string; changeId: number | null; reportWeek: string | null }[];
    expect(rows.map((r) => [r.kind, r.changeId !== null, r.reportWeek])).toEqual([
      ['report', false, '2026-11-30'],
      ['change', true, null],
    ]);
    expect(retried.code).toBe(0);
    const states = await withDatabase(({ db }) =>
      db
        .select({ state: deliveries.state })
        .from(deliveries)
        .where(inArray(deliveries.id, [changeDelivery, reportDelivery])),
    );
    expect(states.map((s) => s.state)).toEqual(['pending', 'pending']);
  });

  it("keeps a sent report's row while its week may still run, so pruning never sends it twice", async () => {
    const now = Date.now();
    const kept = await withDatabase(async ({ db }) => {
      const [sub] = await db.select().from(subscriptions);
      const thisWeek = new Date(now - 2 * DAY).toISOString().slice(0, 10);
      const longAgo = new Date(now - 30 * DAY).toISOString().slice(0, 10);
      await db.delete(deliveries);
      await db.insert(deliveries).values([
        { subscriptionId: sub!.id, reportWeek: thisWeek, state: 'sent', sentAt: new Date(now - 2 * DAY) },
        { subscriptionId: sub!.id, reportWeek: longAgo, state: 'sent', sentAt: new Date(now - 30 * DAY) },
      ]);
      await pruneSent(db, new Date(now - DAY / 2));
      return db.select({ week: deliveries.reportWeek }).from(deliveries);
    });

    expect(kept).toEqual([{ week: new Date(now - 2 * DAY).toISOString().slice(0, 10) }]);
  });
});
