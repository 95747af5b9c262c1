import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { openDatabase } from '../../db/open-database.js';
import { main } from '../../src/cli/main.js';
import { captureStream } from './capture.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** One CLI invocation in-process, with this environment: its exit code and what it printed. */
export async function runCli(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const out = captureStream();
  const err = captureStream();
  const code = await main(argv, { out, err, env });
  return { code, out: out.text(), err: err.text() };
}

/**
 * The database the CLI of a test file opens, and the CLI on it: the embedded one in a directory of its
 * own, or (FW_TEST_DB=postgres) a PostgreSQL database. Made once for the file; `withDatabase` opens it
 * around `work` (and closes it again on PGlite, which one process owns at a time).
 */
export function useCliDatabase(prefix: string) {
  let dir = '';
  let database: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv = {};

  async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
    const handle = database ?? (await openDatabase({ dataDir: env.DATA_DIR! }));
    try {
      return await work(handle);
    } finally {
      if (!database) await handle.close();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    if (process.env.FW_TEST_DB === 'postgres') database = await createTestDatabase();
    env = {
      DATA_DIR: join(dir, 'data'),
      LOG_LEVEL: 'silent',
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    };
    // Creating the embedded database takes a while on a busy machine: once, here.
    await withDatabase(async () => undefined);
  }, 180_000);
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  return { cli: (...argv: string[]) => runCli(env, ...argv), withDatabase };
}
