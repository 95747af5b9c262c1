import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/shared/logger.js';
import { createScheduler } from '../../src/worker/scheduler.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('scheduler', () => {
  it('never overlaps ticks and owes a skipped reconcile to the next tick', async () => {
    const calls: boolean[] = [];
    const firstTick = deferred();
    let dispatches = 0;
    const scheduler = createScheduler({
      pollCron: '* * * * * *',
      reconcileCron: '* * * * * *',
      logger: silentLogger(),
      poll: async (full) => {
        calls.push(full);
        if (calls.length === 1) await firstTick.promise;
      },
      dispatch: async () => {
        dispatches++;
      },
    });

    const started = scheduler.start();
    // Both crons fire every second while the first tick is held open.
    await new Promise((r) => setTimeout(r, 2_300));
    const whileHeld = calls.length;
    firstTick.resolve();
    await started;
    await new Promise((r) => setTimeout(r, 1_200));
    await scheduler.stop();

    expect(whileHeld).toBe(1);
    expect(calls[0]).toBe(false);
    expect(calls[1]).toBe(true);
    expect(dispatches).toBeGreaterThanOrEqual(2);
  });
});

describe('scheduler and delivery', () => {
  it('keeps polling on schedule while a dispatch is still running', async () => {
    let polls = 0;
    const dispatchHeld = deferred();
    let dispatches = 0;
    const scheduler = createScheduler({
      pollCron: '* * * * * *',
      reconcileCron: '0 0 1 1 *',
      logger: silentLogger(),
      poll: async () => {
        polls++;
      },
      dispatch: async () => {
        dispatches++;
        await dispatchHeld.promise;
      },
    });

    await scheduler.start();
    await new Promise((r) => setTimeout(r, 2_300));
    const whileHeld = polls;
    dispatchHeld.resolve();
    await scheduler.stop();

    expect(whileHeld).toBeGreaterThanOrEqual(3);
    // Dispatches asked for while one ran were folded into one that follows it.
    expect(dispatches).toBeLessThanOrEqual(2);
  });

  it('stops within its bounded wait even when the work under way never ends', async () => {
    const scheduler = createScheduler({
      pollCron: '0 0 1 1 *',
      reconcileCron: '0 0 1 1 *',
      logger: silentLogger(),
      stopTimeoutMs: 200,
      poll: () => new Promise(() => undefined),
      dispatch: async () => undefined,
    });

    void scheduler.start();
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await scheduler.stop();

    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
