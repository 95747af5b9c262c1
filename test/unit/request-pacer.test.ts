import { describe, expect, it } from 'vitest';
import { createWindowPacer, pacedFetch } from '../../src/worker/history/request-pacer.js';
import { createTestClock } from '../helpers/test-clock.js';

describe('window pacer', () => {
  it('lets a window’s worth of requests through at once, then waits for the oldest to leave the window', async () => {
    const clock = createTestClock();
    const pacer = createWindowPacer({ limit: 3, windowMs: 60_000, clock });
    const sent: number[] = [];
    const start = clock.now().getTime();
    const { fetch, requests } = pacedFetch(async () => {
      sent.push(clock.now().getTime() - start);
      clock.advance(1000);
      return new Response('[]');
    }, pacer);

    for (let i = 0; i < 7; i++) await fetch('http://hub.test/api/models');

    expect(sent).toEqual([0, 1000, 2000, 60_000, 61_000, 62_000, 120_000]);
    expect(requests()).toBe(7);
  });
});
