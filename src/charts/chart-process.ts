import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChartSpec } from '../../commands/types.js';

interface Pending {
  resolve(png: Buffer): void;
  reject(error: Error): void;
}

interface Answer {
  id: number;
  png?: Uint8Array;
  error?: string;
}

export interface ChartRenderer {
  /** The chart as PNG bytes; rejects when it cannot be drawn or the chart process died. */
  render(spec: ChartSpec): Promise<Buffer>;
  /** The chart process's id while it runs. */
  pid(): number | undefined;
  close(): void;
}

// Beside the bundle (dist/chart-child.js, from dist/ or from one of its chunks); else the sources, through tsx.
function childEntry(): { path: string; execArgv: string[]; cwd?: string } {
  for (const relative of ['./chart-child.js', '../chart-child.js']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return { path, execArgv: [] };
  }
  // `--import tsx` is found from the working directory: the project's own.
  const root = fileURLToPath(new URL('../..', import.meta.url));
  return {
    path: fileURLToPath(new URL('./chart-child.ts', import.meta.url)),
    execArgv: ['--import', 'tsx'],
    cwd: root,
  };
}

/**
 * Draws charts in a process of its own, started on the first chart and ended after `idleMs` without
 * one: the chart libraries and the memory they keep never weigh on the service, and a chart process
 * that crashes takes only its pending charts with it. The process holds the service open only while
 * a chart is being drawn.
 */
export function createChartRenderer(options: { idleMs?: number } = {}): ChartRenderer {
  const idleMs = options.idleMs ?? 60_000;
  const pending = new Map<number, Pending>();
  let child: ChildProcess | undefined;
  let next = 0;
  let idle: NodeJS.Timeout | undefined;

  function failAll(error: Error): void {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function start(): ChildProcess {
    const entry = childEntry();
    const started = fork(entry.path, [], {
      execArgv: ['--max-semi-space-size=2', ...entry.execArgv],
      ...(entry.cwd ? { cwd: entry.cwd } : {}),
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    started.on('message', (answer: Answer) => {
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      if (answer.png) waiting.resolve(Buffer.from(answer.png));
      else waiting.reject(new Error(answer.error ?? 'the chart process gave no chart'));
      if (pending.size === 0) rest(started);
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', (code, signal) => {
      if (child === started) child = undefined;
      failAll(new Error(`the chart process ended (${signal ?? `exit ${String(code)}`})`));
    });
    return started;
  }

  // Idle: nothing keeps the service running for the chart process's sake, and it ends after a while.
  function rest(resting: ChildProcess): void {
    resting.unref();
    resting.channel?.unref();
    clearTimeout(idle);
    idle = setTimeout(() => resting.kill(), idleMs);
    idle.unref();
  }

  return {
    render(spec) {
      clearTimeout(idle);
      child ??= start();
      const running = child;
      running.ref();
      running.channel?.ref();
      const id = ++next;
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        running.send({ id, spec }, (error) => {
          if (!error) return;
          pending.delete(id);
          reject(error);
        });
      });
    },
    pid: () => child?.pid,
    close() {
      clearTimeout(idle);
      child?.kill();
      child = undefined;
    },
  };
}
