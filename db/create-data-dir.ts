import { execFile } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CREATING_MARKER, inspectDataDir } from './inspect-data-dir.js';

const run = promisify(execFile);
const LOCK_FILE = 'floodwatch.lock';

// Only what a creation of ours left behind: the marker proves it.
function clearInterrupted(dataDir: string): void {
  for (const entry of readdirSync(dataDir)) {
    if (entry === LOCK_FILE || entry === CREATING_MARKER) continue;
    rmSync(join(dataDir, entry), { recursive: true, force: true });
  }
}

/**
 * Creates a new PGlite data directory in a short-lived child process, when the directory is empty or
 * holds an interrupted creation. Initialising a cluster costs several hundred MB of WebAssembly memory
 * that a process never gives back; the service then opens the finished directory at its normal, much
 * smaller footprint. The caller holds the directory's lock.
 */
export async function ensureDataDir(dataDir: string): Promise<void> {
  const state = inspectDataDir(dataDir);
  if (state === 'database') return;
  if (state === 'interrupted') clearInterrupted(dataDir);
  const marker = join(dataDir, CREATING_MARKER);
  writeFileSync(marker, 'floodwatch is creating a database here; while this file is here, the next start redoes it\n');
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const script =
    `const { PGlite } = await import(${JSON.stringify(pglite)}); ` +
    'const db = await PGlite.create({ dataDir: process.argv[1] }); await db.close();';
  await run(process.execPath, ['--input-type=module', '-e', script, dataDir], { timeout: 120_000 });
  rmSync(marker);
}
