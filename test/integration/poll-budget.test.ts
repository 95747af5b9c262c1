import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releases } from '../../db/schema.js';
import { createApp } from '../../src/app/create-app.js';
import { readEnv } from '../../src/config/env.js';
import { systemClock, type Clock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeRepo, startFakeHub, type FakeHub } from '../fakes/hub/index.js';
import { captureStream } from '../helpers/capture.js';
import { seedLabs, type TestLab } from '../helpers/seed.js';
import { createTestClock } from '../helpers/test-clock.js';
import { resetDatabase, useTestDatabase } from '../helpers/test-database.js';

const LABS: TestLab[] = [
  { name: 'Alibaba Qwen', country: 'CN', orgs: ['Qwen', 'Wan-AI'] },
  { name: 'DeepSeek', country: 'CN', orgs: ['deepseek-ai'] },
  { name: 'Moonshot AI', country: 'CN', orgs: ['moonshotai'] },
  { name: 'Mistral AI', country: 'FR', orgs: ['mistralai'] },
  { name: 'Zhipu AI', country: 'CN', orgs: ['zai-org'] },
];
const ORGS = LABS.flatMap((lab) => lab.orgs);

const database = useTestDatabase();
let hub: FakeHub;
let inFlight: string[];
let mostInFlight: number;
let qwenTogether: boolean;

function orgOf(url: string): string {
  const { pathname, searchParams } = new URL(url);
  return searchParams.get('author') ?? decodeURIComponent(pathname.split('/')[3] ?? '');
}

/** Counts the Hub requests under way at once, by org. */
const countingFetch: typeof fetch = async (input, init) => {
  const org = orgOf(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  inFlight.push(org);
  mostInFlight = Math.max(mostInFlight, inFlight.length);
  if (inFlight.includes('Qwen') && inFlight.includes('Wan-AI')) qwenTogether = true;
  try {
    return await fetch(input, init);
  } finally {
    inFlight.splice(inFlight.indexOf(org), 1);
  }
};

function app(options: { concurrency?: number; clock?: Clock; signal?: AbortSignal } = {}) {
  return createApp({
    config: readEnv({
      HF_ENDPOINT: hub.url,
      LOG_LEVEL: 'silent',
      ...(options.concurrency ? { POLL_CONCURRENCY: String(options.concurrency) } : {}),
    }),
    database,
    logger: silentLogger(),
    clock: options.clock ?? createTestClock(),
    fetch: countingFetch,
    out: captureStream(),
    signal: options.signal,
  });
}

let day = 0;
function newRepoFor(org: string) {
  day++;
  return makeRepo({
    org,
    name: `Model-${day}`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + day * 3_600_000).toISOString(),
  });
}

beforeEach(async () => {
  await resetDatabase(database);
  await seedLabs(database.db, LABS);
  hub = await startFakeHub({ latencyMs: 40 });
  hub.put(...ORGS.map(newRepoFor));
  inFlight = [];
  mostInFlight = 0;
  qwenTogether = false;
});

afterEach(async () => {
  await hub.close();
});

describe('polling within one Hub budget', () => {
  it('polls several labs at once, never more than POLL_CONCURRENCY, and a lab’s orgs one after another', async () => {
    const poller = app({ concurrency: 3 });
    await poller.tick(false);
    hub.put(...ORGS.map(newRepoFor));

    const tick = await poller.tick(false);

    expect(tick.failed).toEqual([]);
    expect(tick.polled.map((p) => p.org).sort()).toEqual([...ORGS].sort());
    expect(tick.releaseIds).toHaveLength(ORGS.length);
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(3);
    expect(qwenTogether).toBe(false);
  });

  it('holds requests until the reset once the Hub says the window is nearly spent, and sends none over', async () => {
    const clock = createTestClock();
    const poller = app({ clock });
    await poller.tick(false);
    hub.put(...ORGS.map(newRepoFor));
    hub.setRateLimit({ limit: 500, remaining: 28, resetSeconds: 30 });

    const tick = await poller.tick(false);

    expect(tick.failed).toEqual([]);
    expect(tick.releaseIds).toHaveLength(ORGS.length);
    expect(Math.max(...clock.slept)).toBeGreaterThan(25_000);
    expect(hub.requests.filter((r) => r.status === 429)).toEqual([]);
  });

  it('skips the orgs whose turn would come after a reset too far off, and polls them at the next tick', async () => {
    const clock = createTestClock();
    const poller = app({ clock, concurrency: 1 });
    await poller.tick(false);
    hub.put(...ORGS.map(newRepoFor));
    hub.setRateLimit({ limit: 500, remaining: 27, resetSeconds: 240 });
    hub.resetRequests();

    const limited = await poller.tick(false);
    const requestsWhileLimited = hub.requests.length;
    clock.advance(240_000);
    hub.setRateLimit({ remaining: 500 });
    const after = await poller.tick(false);

    expect(limited.failed.length).toBeGreaterThan(0);
    expect(limited.failed.every((f) => /rate limit/.test(f.error))).toBe(true);
    expect(requestsWhileLimited).toBeLessThan(ORGS.length * 2);
    expect(after.failed).toEqual([]);
    expect(await database.db.select().from(releases).where(eq(releases.historical, false))).toHaveLength(ORGS.length);
  });

  it('stops waiting for the budget at once when the service stops', async () => {
    const stop = new AbortController();
    const poller = app({ clock: systemClock, signal: stop.signal, concurrency: 1 });
    hub.setRateLimit({ limit: 500, remaining: 26, resetSeconds: 50 });

    const tick = poller.tick(false);
    while (!hub.requests.some((r) => r.status !== 0)) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    const result = await tick;

    expect(result.polled.length + result.failed.length).toBeLessThan(ORGS.length);
    expect(hub.requests.length).toBeLessThan(ORGS.length);
  });
});
