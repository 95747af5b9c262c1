import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../db/data-dir-lock.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fw-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('lockDataDir', () => {
  it('refuses a second holder with a message naming the first', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir, 'start');
    // Another live process holds it: write its pid as the holder.
    lock.release();
    writeFileSync(join(dir, 'floodwatch.lock'), JSON.stringify({ pid: process.ppid, host: hostname(), command: 'start' }));
    expect(() => lockDataDir(dir, 'labs list')).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir, 'labs list')).toThrow(/in use by process \d+ .*floodwatch start/);
  });

  it('takes over a lock left by a dead process', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, 'floodwatch.lock'), JSON.stringify({ pid: Number(dead), host: hostname(), command: 'start' }));
    const lock = lockDataDir(dir, 'poll --once');
    expect(JSON.parse(readFileSync(join(dir, 'floodwatch.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(join(dir, 'floodwatch.lock'))).toBe(false);
  });
});
