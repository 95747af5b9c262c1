import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/shared/clock.js';
import { createPacer } from '../../src/shared/pacer.js';

/**
 * A clock that moves only when slept on, each sleep overshooting by `lateMs` like a busy event loop. It
 * lets whatever is ready run first, as a timer would.
 */
function steppingClock(lateMs = 0) {
  let now = 0;
  const clock: Pick<Clock, 'now' | 'sleep'> = {
    now: () => new Date(now),
    async sleep(ms) {
      await new Promise((resolve) => setImmediate(resolve));
      now += ms + lateMs;
    },
  };
  return clock;
}

async function takeTimes(clock: Pick<Clock, 'now' | 'sleep'>, count: number, rate = { intervalMs: 100, burst: 2 }) {
  const pacer = createPacer(rate, clock);
  const times: number[] = [];
  await Promise.all(Array.from({ length: count }, () => pacer.take().then(() => times.push(clock.now().getTime()))));
  return times;
}

describe('the pacer', () => {
  it('hands out its burst at once, then one slot per interval, first come first served', async () => {
    expect(await takeTimes(steppingClock(), 5)).toEqual([0, 0, 100, 200, 300]);
  });

  it('never lets a late timer crowd the slots after it', async () => {
    const times = await takeTimes(steppingClock(30), 6, { intervalMs: 100, burst: 1 });

    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.every((gap) => gap >= 100)).toBe(true);
  });

  it('refuses at once, taking nothing, a wait longer than allowed', async () => {
    const clock = steppingClock();
    const pacer = createPacer({ intervalMs: 1_000, burst: 1 }, clock);
    await pacer.take();

    const refused = await pacer.take({ maxWaitMs: 500 });
    const available = pacer.available();

    expect(refused).toBe(false);
    expect(available).toBe(0);
    expect(clock.now().getTime()).toBe(0);
  });

  it('lets a waiter whose signal aborts leave the queue, and serves the others', async () => {
    const clock = steppingClock();
    const pacer = createPacer({ intervalMs: 100, burst: 1 }, clock);
    await pacer.take();
    const stop = new AbortController();

    const leaving = pacer.take({ signal: stop.signal });
    const staying = pacer.take();
    stop.abort(new Error('stopping'));

    await expect(leaving).rejects.toThrow('stopping');
    await expect(staying).resolves.toBe(true);
    expect(clock.now().getTime()).toBe(100);
  });
});
