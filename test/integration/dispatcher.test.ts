import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliveries, labs, releases, subscriptions } from '../../db/schema.js';
import { DeliveryError, type AlertAdapter } from '../../src/platforms/platform.js';
import { dispatchDue, type DispatchDeps } from '../../src/delivery/dispatcher.js';
import { fanOut } from '../../src/delivery/fan-out.js';
import type { ReleaseView } from '../../src/platforms/release-view.js';
import { silentLogger } from '../../src/shared/logger.js';
import { seedLabs } from '../helpers/seed.js';
import { createTestClock } from '../helpers/test-clock.js';
import { useTestDatabase, resetDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
let clock: ReturnType<typeof createTestClock>;
let subscriptionId: number;

interface Posted {
  destination: string;
  release: ReleaseView;
  key: string;
}

/** An adapter that answers each call with the next scripted outcome (success when the script is empty). */
function scriptedAdapter(script: (Error | 'ok')[] = []) {
  const posted: Posted[] = [];
  const calls: string[] = [];
  const adapter: AlertAdapter & { posted: Posted[]; calls: string[] } = {
    platform: 'test',
    posted,
    calls,
    async postAlert(destination, release, key) {
      calls.push(key);
      const next = script.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      posted.push({ destination, release, key });
      return { ref: `msg-${posted.length}` };
    },
  };
  return adapter;
}

async function newRelease(): Promise<number> {
  const [lab] = await database.db.select().from(labs);
  return database.db.transaction(async (tx) => {
    const [release] = await tx
      .insert(releases)
      .values({ labId: lab!.id, title: 'Qwen/Qwen3-8B', firstSeenAt: clock.now() })
      .returning({ id: releases.id });
    await fanOut(tx, { id: release!.id, labId: lab!.id, country: 'CN', tasks: [], variantOnly: false }, clock.now());
    return release!.id;
  });
}

function dispatch(
  adapter: AlertAdapter,
  extra: Partial<Omit<DispatchDeps, 'db' | 'adapters' | 'logger' | 'now'>> = {},
) {
  return dispatchDue({
    db: database.db,
    adapters: [adapter],
    logger: silentLogger(),
    now: () => clock.now(),
    ...extra,
  });
}

beforeEach(async () => {
  await resetDatabase(database);
  clock = createTestClock();
  const seeded = await seedLabs(database.db, [{ name: 'Alibaba Qwen', country: 'CN', orgs: ['Qwen'] }], {
    workspaceId: 'test:W1',
    platform: 'test',
    destination: 'test:C1',
  });
  subscriptionId = seeded.subscriptionId;
});

describe('dispatcher', () => {
  it('sends a due delivery once and records the message reference', async () => {
    const adapter = scriptedAdapter();
    const releaseId = await newRelease();

    const first = await dispatch(adapter);
    const second = await dispatch(adapter);

    expect(first.sent).toBe(1);
    expect(second.sent).toBe(0);
    expect(adapter.posted).toHaveLength(1);
    expect(adapter.posted[0]).toMatchObject({
      destination: 'test:C1',
      release: { id: releaseId, title: 'Qwen/Qwen3-8B' },
    });
    const [row] = await database.db.select().from(deliveries);
    expect(row).toMatchObject({ state: 'sent', messageRef: 'msg-1', attempts: 1 });
  });

  it('retries a rate-limited send after the wait asked for, with the same key, counting no attempt', async () => {
    const adapter = scriptedAdapter([new DeliveryError('rate limited', 'retry', 5_000)]);
    await newRelease();

    const first = await dispatch(adapter);
    const tooEarly = await dispatch(adapter);
    clock.advance(5_001);
    const later = await dispatch(adapter);

    expect([first.retried, tooEarly.sent, later.sent]).toEqual([1, 0, 1]);
    expect(new Set(adapter.calls).size).toBe(1);
    const [row] = await database.db.select().from(deliveries);
    expect(row).toMatchObject({ state: 'sent', attempts: 1, lastError: null });
  });

  it('backs off on an unexpected error and gives up after the last attempt', async () => {
    const adapter = scriptedAdapter([new Error('boom'), new Error('boom')]);
    await newRelease();

    await dispatch(adapter, { maxAttempts: 2 });
    const [afterFirst] = await database.db.select().from(deliveries);
    clock.advance(3_600_000);
    await dispatch(adapter, { maxAttempts: 2 });
    const [afterSecond] = await database.db.select().from(deliveries);

    expect(afterFirst!.state).toBe('pending');
    expect(afterFirst!.dueAt.getTime()).toBeGreaterThan(clock.now().getTime() - 3_600_000);
    expect(afterSecond).toMatchObject({ state: 'failed', attempts: 2, lastError: 'boom' });
  });

  it('pauses the subscription of a channel that is gone and holds its deliveries', async () => {
    const adapter = scriptedAdapter([new DeliveryError('missing access', 'pause')]);
    await newRelease();

    const result = await dispatch(adapter);
    await newRelease();
    const whilePaused = await dispatch(adapter);

    expect(result.paused).toBe(1);
    expect(whilePaused.sent).toBe(0);
    const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
    expect(sub!.pauseReason).toBe('missing access');
    expect((await database.db.select().from(deliveries)).map((d) => d.state)).toEqual(['pending', 'pending']);

    await database.db.update(subscriptions).set({ pausedAt: null, pauseReason: null });
    expect((await dispatch(adapter)).sent).toBe(2);
  });

  it('sends a delivery whose dispatcher died mid-send again only after its lease ran out', async () => {
    const adapter = scriptedAdapter();
    await newRelease();
    // A dispatcher claimed it and died before recording anything.
    await database.db
      .update(deliveries)
      .set({ state: 'sending', attempts: 1, leaseUntil: new Date(clock.now().getTime() + 60_000) });

    const during = await dispatch(adapter);
    clock.advance(60_001);
    const after = await dispatch(adapter);

    expect([during.sent, after.sent]).toEqual([0, 1]);
    expect(adapter.calls).toEqual([adapter.calls[0]]);
  });

  it('lets two dispatchers running together send each delivery exactly once', async () => {
    for (let i = 0; i < 12; i++) await newRelease();
    const a = scriptedAdapter();
    const b = scriptedAdapter();

    await Promise.all([dispatch(a), dispatch(b)]);

    const keys = [...a.calls, ...b.calls];
    expect(keys).toHaveLength(12);
    expect(new Set(keys).size).toBe(12);
  });

  it('sends the deliveries of a daily digest together, at digest time, in one message', async () => {
    await database.db.update(subscriptions).set({ mode: 'daily' });
    const digests: ReleaseView[][] = [];
    const adapter = {
      ...scriptedAdapter(),
      async postDigest(_d: string, releases: readonly ReleaseView[]) {
        digests.push([...releases]);
        return { ref: 'digest-1' };
      },
    };
    await newRelease();
    await newRelease();

    const before = await dispatch(adapter);
    clock.advance(24 * 3_600_000);
    const at = await dispatch(adapter);

    expect(before.sent).toBe(0);
    expect(at.sent).toBe(2);
    expect(digests.map((d) => d.length)).toEqual([2]);
    expect(adapter.posted).toHaveLength(0);
    expect((await database.db.select().from(deliveries)).map((d) => d.messageRef)).toEqual(['digest-1', 'digest-1']);
  });

  it('writes no second delivery for the same subscription and release', async () => {
    const releaseId = await newRelease();
    const [lab] = await database.db.select().from(labs);
    const written = await database.db.transaction((tx) =>
      fanOut(tx, { id: releaseId, labId: lab!.id, country: 'CN', tasks: [], variantOnly: false }, clock.now()),
    );
    expect(written).toBe(0);
    expect(await database.db.select().from(deliveries)).toHaveLength(1);
  });
});

describe('dispatcher under slow and failing channels', () => {
  /** An adapter whose sends to `slow` never finish by themselves (they end only when aborted). */
  function channelAdapter(slow: string, options: { ignoreAbort?: boolean } = {}) {
    const calls: { destination: string; key: string; at: number }[] = [];
    const adapter: AlertAdapter & { calls: typeof calls } = {
      platform: 'test',
      calls,
      async postAlert(destination, _release, key, send) {
        calls.push({ destination, key, at: Date.now() });
        if (destination !== slow) return { ref: `msg-${calls.length}` };
        return new Promise((_resolve, reject) => {
          if (!options.ignoreAbort) send?.signal?.addEventListener('abort', () => reject(send.signal!.reason));
        });
      },
    };
    return adapter;
  }

  async function secondChannel(destination: string): Promise<void> {
    await database.db.insert(subscriptions).values({ workspaceId: 'test:W1', platform: 'test', destination });
  }

  it('sends to other channels while one channel hangs, and gives the hanging send up at its deadline', async () => {
    await secondChannel('test:C2');
    const adapter = channelAdapter('test:C1', { ignoreAbort: true });
    await newRelease();

    const result = await dispatch(adapter, { sendDeadlineMs: 300 });

    expect(adapter.calls.map((c) => c.destination).sort()).toEqual(['test:C1', 'test:C2']);
    expect(result).toMatchObject({ sent: 1, retried: 1 });
    const rows = await database.db.select().from(deliveries).orderBy(deliveries.id);
    expect(rows.map((r) => r.state)).toEqual(['pending', 'sent']);
    expect(rows[0]).toMatchObject({ attempts: 1, leaseUntil: null, leaseOwner: null });
    expect(rows[0]!.lastError).toContain('longer than 0.3 s');
  });

  it('keeps a channel in order: what comes after a failed send waits for it', async () => {
    const adapter = scriptedAdapter([new DeliveryError('rate limited', 'retry', 5_000)]);
    await newRelease();
    await newRelease();

    const result = await dispatch(adapter);
    clock.advance(5_001);
    await dispatch(adapter);

    expect(result).toMatchObject({ retried: 1, released: 1, sent: 0 });
    expect(adapter.calls).toEqual(['fw-1', 'fw-1', 'fw-2']);
    const rows = await database.db.select().from(deliveries).orderBy(deliveries.id);
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
  });

  it('holds a later delivery back while an earlier one of its channel waits for its retry', async () => {
    const adapter = scriptedAdapter([new DeliveryError('discord 500', 'retry')]);
    await newRelease();
    const failed = await dispatch(adapter);
    await newRelease();

    const meanwhile = await dispatch(adapter);
    clock.advance(3_600_000);
    const after = await dispatch(adapter);

    expect(failed).toMatchObject({ retried: 1 });
    expect(meanwhile.sent).toBe(0);
    expect(after.sent).toBe(2);
    expect(adapter.calls).toEqual(['fw-1', 'fw-1', 'fw-2']);
  });

  it('leaves a channel’s later delivery to the dispatcher that holds its earlier one', async () => {
    const hanging = channelAdapter('test:C1');
    const other = scriptedAdapter();
    await newRelease();
    const stop = new AbortController();
    const first = dispatch(hanging, { signal: stop.signal, stopGraceMs: 10 });
    while (hanging.calls.length === 0) await new Promise((r) => setTimeout(r, 10));
    await newRelease();

    const second = await dispatch(other);
    stop.abort();
    await first;

    expect(second.sent).toBe(0);
    expect(other.calls).toEqual([]);
  });

  it('puts claimed deliveries back at once when the service stops, for the next start to send', async () => {
    const adapter = channelAdapter('test:C1');
    await newRelease();
    await newRelease();
    const stop = new AbortController();

    const running = dispatch(adapter, { signal: stop.signal, stopGraceMs: 50 });
    while (adapter.calls.length === 0) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    const result = await running;

    expect(result).toMatchObject({ sent: 0, retried: 1, released: 1 });
    const rows = await database.db.select().from(deliveries).orderBy(deliveries.id);
    expect(rows.map((r) => [r.state, r.leaseUntil, r.leaseOwner])).toEqual([
      ['pending', null, null],
      ['pending', null, null],
    ]);
    expect(rows[1]!.attempts).toBe(0);
  });

  it('never lets a second dispatcher send a delivery while the first one is still sending it', async () => {
    const hanging = channelAdapter('test:C1', { ignoreAbort: true });
    const other = scriptedAdapter();
    await newRelease();
    const options = { leaseMs: 400, sendDeadlineMs: 5_000 };
    const realNow = () => new Date();

    const first = dispatchDue({
      db: database.db,
      adapters: [hanging],
      logger: silentLogger(),
      now: realNow,
      ...options,
    });
    while (hanging.calls.length === 0) await new Promise((r) => setTimeout(r, 10));
    for (let i = 0; i < 6; i++) {
      await dispatchDue({ db: database.db, adapters: [other], logger: silentLogger(), now: realNow, ...options });
      await new Promise((r) => setTimeout(r, 100));
    }
    await first;

    expect(other.calls).toEqual([]);
    const [row] = await database.db.select().from(deliveries);
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
  });
});
