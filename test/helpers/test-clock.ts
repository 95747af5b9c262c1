import type { Clock } from '../../src/shared/clock.js';

/** A clock that moves only when told to; sleeping advances it at once and is recorded. */
export function createTestClock(start = new Date('2026-11-29T08:00:00Z')) {
  let current = start.getTime();
  const slept: number[] = [];
  const clock: Clock & { advance(ms: number): void; slept: number[] } = {
    now: () => new Date(current),
    async sleep(ms) {
      slept.push(ms);
      current += ms;
    },
    advance(ms) {
      current += ms;
    },
    slept,
  };
  return clock;
}
