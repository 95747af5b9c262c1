import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeOrg, startFakeHub } from '../test/fakes/hub/index.js';
import { orgSizes } from './org-sizes.js';

/** The node arguments of `npm start`, so the figure is the service as people run it. */
function startArgs(): string[] {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts;
  return scripts.start.split(/\s+/).slice(1);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** RSS of `floodwatch start` on PGlite after its baseline, idle, sampled for a while. */
export async function benchIdleRss(options: { idleSeconds: number; command?: string[]; dataDir?: string }) {
  const hub = await startFakeHub();
  for (const { org, count } of orgSizes())
    hub.put(...makeOrg(org, count, { startDate: '2022-06-01T00:00:00Z', endDate: '2026-11-20T00:00:00Z' }));
  const dir = mkdtempSync(join(tmpdir(), 'fw-bench-'));
  const child = spawn(process.execPath, options.command ?? startArgs(), {
    env: {
      ...process.env,
      HF_ENDPOINT: hub.url,
      DATA_DIR: options.dataDir ?? join(dir, 'data'),
      LOG_LEVEL: 'info',
      POLL_CRON: '*/20 * * * * *',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => (log += String(chunk)));
  try {
    const started = Date.now();
    while (!log.includes('"tick done"')) {
      if (Date.now() - started > 180_000)
        throw new Error(`service did not finish its first tick:\n${log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const afterBaseline = rssMb(child.pid!);
    const samples: number[] = [];
    for (let i = 0; i < options.idleSeconds; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      samples.push(rssMb(child.pid!));
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      afterBaselineMb: afterBaseline,
      idleMedianMb: sorted[Math.floor(sorted.length / 2)]!,
      idleMaxMb: sorted.at(-1)!,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
