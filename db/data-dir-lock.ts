import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

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

const LOCK_FILE = 'floodwatch.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): { pid: number; host: string; command: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; host?: unknown; command?: unknown };
    if (typeof parsed.pid !== 'number') return undefined;
    return { pid: parsed.pid, host: String(parsed.host ?? ''), command: String(parsed.command ?? '') };
  } catch {
    return undefined;
  }
}

/**
 * Takes an exclusive lock on a PGlite data directory: two processes on one directory would both
 * "succeed" and silently lose writes. A lock left by a dead process on this host is taken over.
 */
export function lockDataDir(dataDir: string, command = process.argv.slice(2).join(' ')): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), command, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const holder = readHolder(path);
        if (holder?.pid === process.pid) rmSync(path, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      const stale = holder !== undefined && holder.host === hostname() && !isAlive(holder.pid);
      if (!stale && holder !== undefined) {
        throw new DataDirLockedError(dir, `process ${holder.pid} on ${holder.host} (floodwatch ${holder.command})`.trim());
      }
      if (!stale) throw new DataDirLockedError(dir, `another process (lock file ${path})`);
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(dir, `another process (lock file ${path})`);
}
