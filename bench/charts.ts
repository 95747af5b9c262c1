import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Draws `runs` charts (a 23-month timeline by country, a top-10 ranking, a share by country, in turn)
 * in a child process run as the service runs (bundled, `--max-semi-space-size=2`): render times, and
 * RSS before the chart stack is loaded, after the first chart and after the last.
 */
export async function benchCharts(options: { runs: number }) {
  // Beside the service's bundle, so the chart font is found the way the bundle finds it.
  const outfile = 'dist/bench-chart-child.mjs';
  await build({
    entryPoints: ['bench/chart-child.ts'],
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
    const r = JSON.parse(out) as {
      before: number;
      afterFirst: number;
      after: number;
      peak: number;
      coldMs: number;
      times: number[];
      meanBytes: number;
    };
    const sorted = [...r.times].sort((a, b) => a - b);
    const round = (n: number) => Math.round(n);
    return {
      runs: options.runs,
      coldMs: round(r.coldMs),
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      beforeMb: round(r.before),
      addedFirstMb: round(r.afterFirst - r.before),
      addedAfterMb: round(r.after - r.before),
      addedPeakMb: round(r.peak - r.before),
      meanKib: round(r.meanBytes / 1024),
    };
  } finally {
    rmSync(outfile, { force: true });
  }
}
