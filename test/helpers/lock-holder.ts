import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./hold-data-dir-lock.ts', import.meta.url));
const NAMESPACE = ['-p', '-f', '--mount-proc'];

/** Whether this machine lets a test start a process in a PID namespace of its own (root on Linux). */
export const canUnshare = process.platform === 'linux' && spawnSync('unshare', [...NAMESPACE, 'true']).status === 0;

export interface LockHolder {
  /** The holder's first line: "locked", or "refused: <message>". */
  said: string;
  /** SIGKILLs the holder (in a namespace, the process inside it) and waits until it is gone. */
  kill(): Promise<void>;
}

/** Another process that takes the lock on `dir`, optionally as PID 1 of a PID namespace of its own. */
export async function startLockHolder(dir: string, options: { namespace?: boolean } = {}): Promise<LockHolder> {
  const node = [process.execPath, '--import', 'tsx', SCRIPT, dir];
  const child = options.namespace ? spawn('unshare', [...NAMESPACE, ...node]) : spawn(node[0]!, node.slice(1));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const said = await firstLine(child);
  return {
    said,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(options.namespace ? namespacedChild(child.pid!) : child.pid!, 'SIGKILL');
      await exited;
    },
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    lines.once('line', (line) => resolve(line));
    child.once('exit', (code) => reject(new Error(`lock holder exited (${code}) without a word: ${stderr}`)));
  });
}

// unshare -f forks the process that becomes PID 1 inside; unshare itself waits for it.
function namespacedChild(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0]);
}
