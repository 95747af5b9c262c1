import type { BackfillProgress } from '../worker/history/run-backfill.js';
import { print } from './context.js';

export interface ProgressView {
  update(progress: BackfillProgress): void;
  stop(): void;
}

function orgLine(p: BackfillProgress): string | undefined {
  const at = `backfill ${p.index}/${p.total} ${p.org}:`;
  if (p.error !== undefined) return `${at} failed (${p.error}); the others go on`;
  const done = p.done;
  if (done === undefined) return undefined;
  const undated = done.undated > 0 ? ` (${done.undated} undated)` : '';
  const baseline = done.baseline ? ', baseline stored' : '';
  return `${at} ${done.listed} repos, ${done.releases} historical releases added${undated}${baseline}`;
}

/** One line per org, for logs and pipes. */
function linesView(err: NodeJS.WritableStream): ProgressView {
  return {
    update(progress) {
      const line = orgLine(progress);
      if (line) print(err, line);
    },
    stop() {},
  };
}

/** A bar on a terminal: orgs done of all, the org at hand, repos, requests and the time left. */
async function barView(err: NodeJS.WritableStream): Promise<ProgressView> {
  // Loaded only here: a service or a pipe never needs it.
  const { SingleBar } = await import('cli-progress');
  const bar = new SingleBar({
    stream: err as NodeJS.WriteStream,
    format: 'backfill [{bar}] {value}/{total} orgs | {org} | {repos} repos | {requests} requests | ETA {eta_formatted}',
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 10,
  });
  let started = false;
  return {
    update(p) {
      const payload = { org: p.org, repos: p.repos, requests: p.requests };
      if (!started) {
        bar.start(p.total, 0, payload);
        started = true;
      }
      bar.update(p.done !== undefined || p.error !== undefined ? p.index : p.index - 1, payload);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** A progress bar when stderr is a terminal, plain lines otherwise, nothing for `--json`. */
export async function progressView(err: NodeJS.WritableStream, json: boolean): Promise<ProgressView> {
  if (json) return { update() {}, stop() {} };
  return (err as NodeJS.WriteStream).isTTY ? barView(err) : linesView(err);
}
