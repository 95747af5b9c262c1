import { readEnv } from '../../src/config/env.js';
import { createApp, type App } from '../../src/app/create-app.js';
import type { AlertAdapter } from '../../src/platforms/platform.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeHub, type FakeHub } from '../fakes/hub/index.js';
import { captureStream } from './capture.js';
import { seedLabs, type TestLab } from './seed.js';
import { createTestClock } from './test-clock.js';
import { afterEach, beforeEach } from 'vitest';
import { resetDatabase, useTestDatabase, type TestDatabase } from './test-database.js';

export const QWEN: TestLab = { name: 'Alibaba Qwen', country: 'CN', orgs: ['Qwen'] };
export const DEEPSEEK: TestLab = { name: 'DeepSeek', country: 'CN', orgs: ['deepseek-ai'] };

export interface PollHarness {
  database: TestDatabase;
  hub: FakeHub;
  app: App;
  out: ReturnType<typeof captureStream>;
  clock: ReturnType<typeof createTestClock>;
  seeded: Awaited<ReturnType<typeof seedLabs>>;
  /** A second app on the same database, as another replica would be. */
  replica(): App;
  close(): Promise<void>;
}

/** A database with a small catalog, a fake Hub and the app wired to both, with the console captured. */
export async function createPollHarness(
  database: TestDatabase,
  options: {
    labs?: TestLab[];
    hubToken?: string;
    tokens?: Record<string, string[]>;
    adapters?: AlertAdapter[];
    variants?: boolean;
    /** How long a new release's config.json and card may take (the app's default when absent). */
    factsDeadlineMs?: number;
    /** Per Hub request; 1.5 s unless given. */
    hubTimeoutMs?: number;
  } = {},
): Promise<PollHarness> {
  await resetDatabase(database);
  const hub = await startFakeHub(options.tokens ? { tokens: options.tokens } : {});
  const seeded = await seedLabs(database.db, options.labs ?? [QWEN, DEEPSEEK], { variants: options.variants ?? false });
  const out = captureStream();
  const clock = createTestClock();
  const config = readEnv({
    HF_ENDPOINT: hub.url,
    ...(options.hubToken ? { HF_TOKEN: options.hubToken } : {}),
    LOG_LEVEL: 'silent',
  });
  const build = () =>
    createApp({
      config,
      database,
      logger: silentLogger(),
      clock,
      out,
      hubTimeoutMs: options.hubTimeoutMs ?? 1500,
      ...(options.factsDeadlineMs ? { factsDeadlineMs: options.factsDeadlineMs } : {}),
      ...(options.adapters ? { adapters: options.adapters } : {}),
    });
  return {
    database,
    hub,
    app: build(),
    out,
    clock,
    seeded,
    replica: build,
    async close() {
      await hub.close();
    },
  };
}

/** One database for the file and a fresh harness per test; the getter gives the current harness. */
export function usePollHarness(options: Parameters<typeof createPollHarness>[1] = {}): () => PollHarness {
  const database = useTestDatabase();
  let harness: PollHarness | undefined;
  beforeEach(async () => {
    harness = await createPollHarness(database, options);
  });
  afterEach(async () => {
    await harness?.close();
  });
  return () => harness!;
}
