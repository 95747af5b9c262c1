import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Platform } from '../../src/platforms/platform.js';
import { startPlatforms } from '../../src/app/start-platforms.js';
import { silentLogger } from '../../src/shared/logger.js';

function platform(name: string, outcomes: boolean[]): Platform & { starts: number } {
  const p = {
    starts: 0,
    platform: name,
    postAlert: async () => ({ ref: 'x' }),
    postNotice: async () => ({ ref: 'x' }),
    answer: async () => ({ ephemeral: true, text: '', body: '' }),
    async start() {
      p.starts++;
      const ok = outcomes.shift() ?? true;
      return ok ? { ok } : { ok, error: 'down' };
    },
    async stop() {},
  };
  return p;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('startPlatforms', () => {
  it('keeps the ones that start and tries a failed one again with backoff until it comes up', async () => {
    vi.useFakeTimers();
    const up = platform('discord', [true]);
    const late = platform('slack', [false, false, true]);

    const started = startPlatforms([up, late], silentLogger());
    await started.ready;
    const atFirst = started.adapters.map((a) => a.platform);
    await vi.advanceTimersByTimeAsync(60_000);
    const afterOneMinute = late.starts;
    await vi.advanceTimersByTimeAsync(120_000);

    expect(atFirst).toEqual(['discord']);
    expect(afterOneMinute).toBe(2);
    expect(late.starts).toBe(3);
    expect(started.adapters.map((a) => a.platform)).toEqual(['discord', 'slack']);
    await started.stop();
  });

  it('stops trying once stopped', async () => {
    vi.useFakeTimers();
    const down = platform('slack', [false, false, false]);

    const started = startPlatforms([down], silentLogger());
    await started.ready;
    await started.stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);

    expect(down.starts).toBe(1);
  });
});
