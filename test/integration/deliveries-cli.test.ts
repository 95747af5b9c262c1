import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliveries, labs, releases, subscriptions } from '../../db/schema.js';
import { seedDefaults } from '../../db/seed.js';
import { pruneSent } from '../../src/delivery/dead-letters.js';
import { resetDatabase } from '../helpers/test-database.js';
import { useCliDatabase } from '../helpers/run-cli.js';

const DAY = 24 * 60 * 60 * 1000;
const { cli, withDatabase } = useCliDatabase('fw-deliveries-');

const rows = () =>
  withDatabase(({ db }) =>
    db
      .select({ id: deliveries.id, state: deliveries.state, attempts: deliveries.attempts })
      .from(deliveries)
      .orderBy(asc(deliveries.id)),
  );

// Deliveries 1 and 2 failed, 3 waits, 4 was sent long ago, 5 just now.
beforeEach(async () => {
  await withDatabase(async (handle) => {
    await resetDatabase(handle);
    const { db } = handle;
    await seedDefaults(db);
    const [lab] = await db.select().from(labs).where(eq(labs.name, 'DeepSeek'));
    const [sub] = await db.select().from(subscriptions);
    const made = await db
      .insert(releases)
      .values(
        ['V4', 'V4.1', 'V4.2', 'V3', 'V3.1'].map((v) => ({
          labId: lab!.id,
          title: `deepseek-ai/DeepSeek-${v}`,
          firstSeenAt: new Date(),
        })),
      )
      .returning({ id: releases.id });
    const now = Date.now();
    await db.insert(deliveries).values([
      { subscriptionId: sub!.id, releaseId: made[0]!.id, state: 'failed', attempts: 12, lastError: 'HTTP 500' },
      { subscriptionId: sub!.id, releaseId: made[1]!.id, state: 'failed', attempts: 12, lastError: 'HTTP 502' },
      { subscriptionId: sub!.id, releaseId: made[2]!.id, state: 'pending', attempts: 1 },
      { subscriptionId: sub!.id, releaseId: made[3]!.id, state: 'sent', sentAt: new Date(now - 40 * DAY) },
      { subscriptionId: sub!.id, releaseId: made[4]!.id, state: 'sent', sentAt: new Date(now - DAY) },
    ]);
  });
}, 120_000);

describe('floodwatch deliveries', { timeout: 90_000 }, () => {
  it('lists what was not sent, or only the failed ones, as lines or JSON', async () => {
    const all = await cli('deliveries', 'list');
    const failed = await cli('deliveries', 'list', '--failed', '--json');

    expect(all.code).toBe(0);
    expect(all.out.trim().split('\n')).toHaveLength(3);
    expect(all.out).toContain('deepseek-ai/DeepSeek-V4.2');
    expect(all.out).toContain('HTTP 500');
    expect(all.err).toContain('3 deliveries not sent');
    const json = JSON.parse(failed.out) as { id: number; state: string; lastError: string; release: string }[];
    expect(json.map((d) => [d.state, d.release, d.lastError])).toEqual([
      ['failed', 'deepseek-ai/DeepSeek-V4.1', 'HTTP 502'],
      ['failed', 'deepseek-ai/DeepSeek-V4', 'HTTP 500'],
    ]);
  });

  it('puts one failed delivery back in the queue with its attempts counted afresh', async () => {
    const { code, out } = await cli('deliveries', 'retry', '1');

    expect(code).toBe(0);
    expect(out).toContain('1 put back in the queue (#1)');
    expect((await rows()).slice(0, 3)).toEqual([
      { id: 1, state: 'pending', attempts: 0 },
      { id: 2, state: 'failed', attempts: 12 },
      { id: 3, state: 'pending', attempts: 1 },
    ]);
  });

  it('puts every failed delivery back with --all, and says when there is none', async () => {
    const first = await cli('deliveries', 'retry', '--all');
    const second = await cli('deliveries', 'retry', '--all');

    expect(first.out).toContain('2 put back in the queue (#1, #2)');
    expect(second).toMatchObject({ code: 0, out: 'no failed deliveries to retry\n' });
  });

  it('refuses bad ids, ids not failed or missing, and ids with --all: exit 2, nothing changed', async () => {
    const before = await rows();
    const results = [
      await cli('deliveries', 'retry', 'abc'),
      await cli('deliveries', 'retry', '1', '3'),
      await cli('deliveries', 'retry', '99'),
      await cli('deliveries', 'retry', '1', '--all'),
      await cli('deliveries', 'retry'),
      await cli('deliveries', 'resend'),
    ];

    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(results[0]!.err).toContain('"abc" is not a delivery id');
    expect(results[1]!.err).toContain('delivery 3 is pending, not failed');
    expect(results[2]!.err).toContain('there is no delivery 99');
    expect(results[3]!.err).toContain('give delivery ids or --all, not both');
    expect(results[5]!.err).toContain('unknown deliveries subcommand "resend"');
    expect(await rows()).toEqual(before);
  });

  it('prunes sent deliveries older than the retention, and nothing else', async () => {
    const pruned = await withDatabase(({ db }) => pruneSent(db, new Date(Date.now() - 30 * DAY)));

    expect(pruned).toBe(1);
    expect((await rows()).map((r) => r.id)).toEqual([1, 2, 3, 5]);
  });
});
