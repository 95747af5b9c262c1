import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Creates a new PGlite data directory in a short-lived child process. Initialising a cluster costs
 * several hundred MB of WebAssembly memory that a process never gives back; the service then opens
 * the finished directory at its normal, much smaller footprint.
 */
export async function ensureDataDir(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const script = `const { PGlite } = await import(${JSON.stringify(pglite)}); const db = await PGlite.create({ dataDir: process.argv[1] }); await db.close();`;
  await run(process.execPath, ['--input-type=module', '-e', script, dataDir], { timeout: 120_000 });
}
