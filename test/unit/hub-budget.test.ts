import { describe, expect, it } from 'vitest';
import { HubUnavailableError } from '../../src/sources/hf-hub/errors.js';
import { ANONYMOUS_QUOTA, createHubBudget } from '../../src/sources/hf-hub/rate-budget.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestClock } from '../helpers/test-clock.js';

function hubHeaders(remaining: number, resetSeconds: number, quota = 500) {
  return new Headers({
    ratelimit: `"api";r=${remaining};t=${resetSeconds}`,
    'ratelimit-policy': `"fixed window";"api";q=${quota};w=300`,
  });
}

/** The most start times that fall in any window of `ms`. */
function busiestWindow(starts: number[], ms: number): number {
  let most = 0;
  let first = 0;
  for (let last = 0; last < starts.length; last++) {
    while (starts[last]! - starts[first]! >= ms) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe('the Hub rate budget', () => {
  it('never starts more than 80 % of the anonymous quota in any five-minute window', async () => {
    const clock = createTestClock();
    const budget = createHubBudget({ clock });
    const starts: number[] = [];

    for (let i = 0; i < 1500; i++) {
      await budget.acquire();
      starts.push(clock.now().getTime());
    }

    expect(busiestWindow(starts, ANONYMOUS_QUOTA.windowSeconds * 1000)).toBeLessThanOrEqual(400);
    expect(starts.slice(0, 100).every((t) => t === starts[0])).toBe(true);
  });

  it('holds every request until the reset once the Hub says the window is nearly spent', async () => {
    const clock = createTestClock();
    const budget = createHubBudget({ clock });
    await budget.acquire();

    const held = budget.observe(hubHeaders(20, 42));
    await budget.acquire();

    expect(held).toBe(42_000);
    expect(clock.slept).toEqual([42_000]);
    expect(budget.observe(hubHeaders(400, 30))).toBe(0);
  });

  it('learns a larger quota from RateLimit-Policy', async () => {
    const clock = createTestClock();
    const budget = createHubBudget({ clock });
    budget.observe(hubHeaders(1000, 300, 1000));

    for (let i = 0; i < 200; i++) await budget.acquire();
    await budget.acquire();

    expect(clock.slept).toHaveLength(1);
  });

  it('says how many requests may start now: its own slots, no more than the Hub says are left', async () => {
    const clock = createTestClock();
    const budget = createHubBudget({ clock });
    for (let i = 0; i < 10; i++) await budget.acquire();
    const own = budget.left();

    budget.observe(hubHeaders(60, 100));
    const capped = budget.left();
    budget.holdFor(5_000);

    expect(own).toBe(90);
    expect(capped).toBe(35);
    expect(budget.left()).toBe(0);
  });

  it('refuses at once, taking nothing, a wait longer than the caller allows', async () => {
    const clock = createTestClock();
    const budget = createHubBudget({ clock });
    budget.holdFor(120_000);

    const refused = budget.acquire(undefined, 60_000);

    await expect(refused).rejects.toBeInstanceOf(HubUnavailableError);
    await expect(refused).rejects.toMatchObject({ reason: 'rate-limited' });
    expect(clock.slept).toEqual([]);
  });

  it('stops waiting when the signal aborts', async () => {
    const budget = createHubBudget({ clock: systemClock });
    budget.holdFor(50_000);
    const stop = new AbortController();

    const waiting = budget.acquire(stop.signal);
    stop.abort(new Error('stopping'));

    await expect(waiting).rejects.toThrow('stopping');
  });
});
