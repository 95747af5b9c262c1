// Runs in a child process of its own (see charts.ts), bundled next to the service's bundle, so the
// memory it reports is the chart stack's and nothing else's.
import { renderChart } from '../src/charts/index.js';
import { sampleCharts } from './chart-samples.js';

const runs = Number(process.argv[2] ?? 100);
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

const before = rssMb();
const coldStarted = performance.now();
await renderChart(sampleCharts[0]!);
const coldMs = performance.now() - coldStarted;
const afterFirst = rssMb();
const times: number[] = [];
let peak = afterFirst;
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const spec = sampleCharts[i % sampleCharts.length]!;
  const started = performance.now();
  bytes += (await renderChart(spec)).length;
  times.push(performance.now() - started);
  peak = Math.max(peak, rssMb());
}
process.stdout.write(
  JSON.stringify({ before, afterFirst, after: rssMb(), peak, coldMs, times, meanBytes: bytes / runs }) + '\n',
);
