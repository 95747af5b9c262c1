import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { DataDirError } from './data-dir-error.js';
import { fsProblem } from './fs-problem.js';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: string,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by ${holder}; ` +
        'stop that process first, or set DATABASE_URL to share a PostgreSQL between processes',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

interface NativeLocks {
  tryLock(fd: number): boolean;
  unlock(fd: number): void;
}

const LOCK_FILE = 'floodwatch.lock';

// Loaded at lock time, so the PostgreSQL path never loads a native module.
function nativeLocks(): NativeLocks {
  return createRequire(import.meta.url)('fs-native-extensions') as NativeLocks;
}

function describeHolder(path: string): string {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; host?: unknown; command?: unknown };
    if (typeof parsed.pid !== 'number') return 'another process';
    return `process ${parsed.pid} on ${String(parsed.host ?? '?')} (floodwatch ${String(parsed.command ?? '')})`;
  } catch {
    // The holder has not written its details yet.
    return 'another process';
  }
}

/**
 * Takes an exclusive lock on a PGlite data directory: two processes on one directory would both
 * "succeed" and silently lose writes. The lock is the kernel's (an open file description lock on
 * `floodwatch.lock`), so it ends with its holder however that dies, in whatever PID namespace or
 * container; what the file says is only for the message a refused process prints.
 * The directory must exist.
 */
export function lockDataDir(dataDir: string, command = process.argv.slice(2).join(' ')): DataDirLock {
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  const locks = nativeLocks();
  let fd: number;
  try {
    fd = openSync(path, 'a+');
  } catch (error) {
    throw new DataDirError(dataDir, fsProblem(error, 'files'), { cause: error });
  }
  let locked: boolean;
  try {
    locked = locks.tryLock(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (!locked) {
    closeSync(fd);
    throw new DataDirLockedError(dir, describeHolder(path));
  }
  ftruncateSync(fd);
  writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), command, since: new Date().toISOString() }));
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // The file stays: removing it would let a process that opened it before, and one that creates it anew,
    // both hold "the" lock.
    ftruncateSync(fd);
    locks.unlock(fd);
    closeSync(fd);
  };
  process.on('exit', release);
  return { release };
}
