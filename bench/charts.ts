import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Draws `runs` charts (a 23-month timeline by country, a top-10 ranking, a share by country, in turn)
 * from a process run as the service runs (bundled, `--max-semi-space-size=2`), through the chart
 * process: render times, the RSS the asking process gains, and the chart process's own RSS.
 */
export async function benchCharts(options: { runs: number }) {
  // Beside the service's bundle (dist/chart-child.js, the chart process, comes from `npm run build`).
  const outfile = 'dist/bench-charts.mjs';
  await build({
    entryPoints: ['bench/chart-client.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  try {
    const child = spawn(process.execPath, ['--max-semi-space-size=2', outfile, String(options.runs)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`the chart benchmark exited with ${String(code)}`);
    const r = JSON.parse(out) as Record<'before' | 'after' | 'settled' | 'coldMs' | 'meanBytes', number> &
      Record<'childFirst' | 'childLast' | 'childPeak', number> & { times: number[] };
    const sorted = [...r.times].sort((a, b) => a - b);
    const round = (n: number) => Math.round(n);
    return {
      runs: options.runs,
      coldMs: round(r.coldMs),
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      serviceBeforeMb: round(r.before),
      serviceAddedMb: round(r.after - r.before),
      serviceAddedIdleMb: round(r.settled - r.before),
      chartProcessFirstMb: round(r.childFirst),
      chartProcessLastMb: round(r.childLast),
      chartProcessPeakMb: round(r.childPeak),
      meanKib: round(r.meanBytes / 1024),
    };
  } finally {
    rmSync(outfile, { force: true });
  }
}
