import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../db/data-dir-lock.js';
import { canUnshare, startLockHolder, type LockHolder } from '../helpers/lock-holder.js';

const dirs: string[] = [];
const holders: LockHolder[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fw-lock-'));
  dirs.push(dir);
  return dir;
}
async function holder(dir: string, options: { namespace?: boolean } = {}): Promise<LockHolder> {
  const started = await startLockHolder(dir, options);
  holders.push(started);
  return started;
}
function holderOf(dir: string): { pid: number; command: string } {
  return JSON.parse(readFileSync(join(dir, 'floodwatch.lock'), 'utf8'));
}
afterEach(async () => {
  for (const started of holders.splice(0)) await started.kill();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('lockDataDir', () => {
  it('refuses while another live process holds it, naming that process', async () => {
    const dir = tempDir();
    const first = await holder(dir);

    expect(first.said).toBe('locked');
    expect(() => lockDataDir(dir, 'labs list')).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir, 'labs list')).toThrow(/in use by process \d+ on .* \(floodwatch start\)/);
  });

  it('takes the lock once its holder was killed', async () => {
    const dir = tempDir();
    const first = await holder(dir);

    await first.kill();
    const lock = lockDataDir(dir, 'poll --once');

    expect(holderOf(dir)).toMatchObject({ pid: process.pid, command: 'poll --once' });
    lock.release();
  });

  it('refuses a second lock in the same process until the first is released', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir, 'start');

    expect(() => lockDataDir(dir, 'labs list')).toThrow(/in use by process \d+/);
    lock.release();
    lockDataDir(dir, 'labs list').release();
  });

  it('takes over a lock file whose holder is gone, whatever pid and host it names', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'floodwatch.lock'),
      JSON.stringify({ pid: 1, host: 'another-container', command: 'start' }),
    );

    const lock = lockDataDir(dir, 'start');

    expect(holderOf(dir).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over an empty lock file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'floodwatch.lock'), '');

    const lock = lockDataDir(dir, 'start');

    expect(holderOf(dir).pid).toBe(process.pid);
    lock.release();
  });

  it.skipIf(!canUnshare)('is taken again after a holder running as PID 1 in a PID namespace was killed', async () => {
    const dir = tempDir();
    const first = await holder(dir, { namespace: true });
    const refused = await holder(dir, { namespace: true });

    await first.kill();
    const second = await holder(dir, { namespace: true });

    expect(first.said).toBe('locked');
    expect(refused.said).toMatch(/^refused: .*in use by process 1 on /);
    expect(second.said).toBe('locked');
  });
});
