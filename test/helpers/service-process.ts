import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/floodwatch.js', import.meta.url));

export interface ServiceProcess {
  pid: number;
  /** stderr so far: the JSON log lines. */
  log(): string;
  /** stdout so far: console alerts. */
  out(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits for a log line that matches, or throws with the log's tail after `ms`. */
  waitForLog(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** `floodwatch start` as its own process, as people run it (`bin/floodwatch.js`), with only the given environment. */
export function startService(env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let out = '';
  child.stderr.on('data', (chunk) => (log += String(chunk)));
  child.stdout.on('data', (chunk) => (out += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    pid: child.pid!,
    log: () => log,
    out: () => out,
    exited,
    async waitForLog(pattern, ms = 120_000) {
      const start = Date.now();
      for (;;) {
        const found = pattern.exec(log);
        if (found) return found;
        if (done || Date.now() - start > ms)
          throw new Error(`${done ? 'service exited' : 'timed out'} waiting for ${pattern}:\n${log.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async kill(signal) {
      if (!done) child.kill(signal);
      await exited;
    },
  };
}
