// Runs in a process of its own (see charts.ts), bundled next to the service's bundle: it stands for the
// service, asking the chart process for charts as the platforms do, and reports both processes' RSS.
import { readFileSync } from 'node:fs';
import { createChartRenderer } from '../src/charts/index.js';
import { sampleCharts } from './chart-samples.js';

const runs = Number(process.argv[2] ?? 100);
const selfMb = () => process.memoryUsage().rss / 1024 / 1024;
function rssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

const renderer = createChartRenderer({ idleMs: 1_000 });
const before = selfMb();
const coldStarted = performance.now();
await renderer.render(sampleCharts[0]!);
const coldMs = performance.now() - coldStarted;
const pid = renderer.pid();
const childFirst = rssMb(pid);
const times: number[] = [];
let childPeak = childFirst;
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const spec = sampleCharts[i % sampleCharts.length]!;
  const started = performance.now();
  bytes += (await renderer.render(spec)).length;
  times.push(performance.now() - started);
  childPeak = Math.max(childPeak, rssMb(pid));
}
const after = selfMb();
const childLast = rssMb(pid);
// Idle: the chart process ends, and the service is as it was.
while (renderer.pid() !== undefined) await new Promise((resolve) => setTimeout(resolve, 100));
const settled = selfMb();
process.stdout.write(
  JSON.stringify({ before, after, settled, childFirst, childLast, childPeak, coldMs, times, meanBytes: bytes / runs }) +
    '\n',
);
