import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeOrg, startFakeHub, type FakeHub } from '../test/fakes/hub/index.js';
import { orgSizes } from './org-sizes.js';

/** The catalog on the fake Hub as history finds it: years of families, big orgs' oldest repos legacy-dated. */
export function putCatalog(hub: FakeHub): number {
  let repos = 0;
  for (const { org, count } of orgSizes()) {
    const made = makeOrg(org, count, {
      startDate: '2021-01-01T00:00:00Z',
      endDate: '2026-11-20T00:00:00Z',
      undatedOldest: count >= 300 ? Math.round(count * 0.15) : 0,
    });
    hub.put(...made);
    repos += made.length;
  }
  return repos;
}

function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** One `floodwatch backfill --json` in its own process, as people run it: its summary, wall time and peak RSS. */
async function runOnce(hub: FakeHub, dataDir: string) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--max-semi-space-size=2', 'bin/floodwatch.js', 'backfill', '--json'], {
    env: { ...process.env, HF_ENDPOINT: hub.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += String(chunk)));
  child.stderr.on('data', (chunk) => (err += String(chunk)));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, peakRssMb(child.pid!))), 50);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`backfill exited ${code}:\n${err.slice(-2000)}`);
  const summary = JSON.parse(out) as { releases: number; undated: number; requests: number; listed: number };
  return { ...summary, ms: Math.round(performance.now() - started), peakRssMb: peak };
}

/** `floodwatch backfill` of the whole default catalog on a fresh data directory, then again (nothing missing). */
export async function benchBackfill() {
  const hub = await startFakeHub();
  const repos = putCatalog(hub);
  const dir = mkdtempSync(join(tmpdir(), 'fw-bench-backfill-'));
  try {
    const first = await runOnce(hub, join(dir, 'data'));
    const hubRequests = hub.requests.length;
    const again = await runOnce(hub, join(dir, 'data'));
    return { orgs: orgSizes().length, repos, first: { ...first, hubRequests }, again };
  } finally {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
