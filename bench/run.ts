import v8 from 'node:v8';
import pg from 'pg';
import { benchCharts } from './charts.js';
import { benchBackfill } from './history-backfill.js';
import { benchHistoryQueries } from './history-queries.js';
import { benchIdleRss } from './idle-rss.js';
import { benchFanOut } from './fan-out.js';
import { benchReleasesQuery } from './releases-query.js';
import { benchSlowHubTick } from './slow-hub-tick.js';
import { benchSteadyTick } from './steady-tick.js';
import { benchWebhookLatency } from './webhook-latency.js';

// Figures, not assertions: this machine is shared, so compare the ratios within one run.
// PGlite runs as the service runs it: WebAssembly compiled by the baseline compiler only (see bin/).
v8.setFlagsFromString('--liftoff-only');
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

async function withScratchDatabase<T>(
  url: string | undefined,
  run: (url: string | undefined) => Promise<T>,
): Promise<T> {
  if (!url) return run(undefined);
  const name = `fw_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  try {
    return await run(scratch.href);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

log('floodwatch benchmarks');
const tick = await benchSteadyTick();
log(`\n1. Poll over the default catalog: ${tick.orgs} orgs, ${tick.repos} repos on the fake Hub`);
const kib = (bytes: number, digits: number) => `${(bytes / 1024).toFixed(digits)} KiB`;
const perOrg = (tick.steady.requests / tick.orgs).toFixed(2);
log(
  `   baseline tick:      ${tick.baseline.requests} requests, ${kib(tick.baseline.bytes, 0)}, ${tick.baseline.ms} ms`,
);
const steady = `${tick.steady.requests} requests (${perOrg} per org), ${kib(tick.steady.bytes, 1)}`;
log(`   steady-state tick:  ${steady}, ${tick.steady.ms} ms`);
log(`   naive poll:  ${tick.naive.requests} requests, ${kib(tick.naive.bytes, 1)} (100 newest per org, all fields)`);
log(`   bytes vs naive:     ${((100 * tick.steady.bytes) / tick.naive.bytes).toFixed(1)} %   (target: at most 25 %)`);

const slow = await benchSlowHubTick({ latencyMs: 250 });
log(`\n2. Steady-state tick of the ${slow.orgs} orgs on a fake Hub answering in 250 ms (target: under 3 s)`);
const tickLine = (r: typeof slow.sequential) =>
  `${r.ms} ms (${r.cpuMs} ms of CPU), ${r.requests} requests, ${r.failed} failed`;
log(`   orgs one after another:      ${tickLine(slow.sequential)}`);
log(`   ${slow.concurrency} labs at once (default):  ${tickLine(slow.concurrent)}`);
log(`   ratio: ${(slow.sequential.ms / slow.concurrent.ms).toFixed(1)}× faster; load average ${slow.loadAverage}`);

log('\n3. One release to 1000 Discord channels, each post answered in 100 ms (target: at least 90 %)');
for (const url of postgresUrl ? [undefined, postgresUrl] : [undefined]) {
  const fan = await withScratchDatabase(url, (scratch) =>
    benchFanOut({ channels: 1000, latencyMs: 100, postgresUrl: scratch }),
  );
  const share = `${(100 * fan.shareOfGlobal).toFixed(1)} % of the global limit`;
  log(`   ${fan.database.padEnd(9)} ${fan.seconds} s, ${fan.perSecond} posts/s: ${share}`);
  log(
    `             ${fan.sentRows} sent, ${fan.missing} missing, ${fan.doubled} doubled, ` +
      `${fan.globalLimited} global 429s in ${fan.requests} posts`,
  );
  log(`             ${fan.cpuMsPerAlert} ms of CPU per alert (both threads); load average ${fan.loadAverage}`);
}

log('\n4. releases --days 7 with 100k stored models (200 runs each; target: p95 under 20 ms)');
for (const releasesPerWeek of [40, 200]) {
  const query = await withScratchDatabase(postgresUrl, (url) =>
    benchReleasesQuery({ modelCount: 100_000, releasesPerWeek, runs: 200, postgresUrl: url }),
  );
  for (const [name, r] of Object.entries(query)) {
    log(
      `   ${name.padEnd(9)} ${String(r.releases).padStart(3)} releases in the week: p50 ${r.p50} ms, p95 ${r.p95} ms`,
    );
  }
}

const rss = await benchIdleRss({ idleSeconds: 40 });
log('\n5. RSS of `floodwatch start` on PGlite over 40 s after the baseline of the whole catalog (ticks every 20 s)');
log(`   after the first tick ${rss.afterBaselineMb} MB; then median ${rss.idleMedianMb} MB, max ${rss.idleMaxMb} MB`);
log('   (target: idle under 200 MB)');

const hook = await benchWebhookLatency({ runs: 30 });
log(`\n6. Hub webhook received → alert posted on the fake Discord (${hook.runs} runs, PGlite, one process)`);
log(`   p50 ${hook.p50} ms, p95 ${hook.p95} ms   (target: p95 under 2 s)`);
const backfill = await benchBackfill();
log(`\n7. floodwatch backfill of the default catalog on the fake Hub: ${backfill.orgs} orgs, ${backfill.repos} repos`);
const first = backfill.first;
log(
  `   fresh data directory: ${first.requests} requests (the Hub saw ${first.hubRequests}), ${first.ms} ms, ` +
    `peak RSS ${first.peakRssMb} MB; ${first.releases} historical releases (${first.undated} undated)`,
);
log(
  `   run again:            ${backfill.again.requests} requests, ${backfill.again.ms} ms, ` +
    `peak RSS ${backfill.again.peakRssMb} MB; ${backfill.again.releases} added`,
);
log('   (target: within one rate window, i.e. well under 500 requests)');

const history = await benchHistoryQueries({ modelCount: 100_000, runs: 200 });
log('\n8. History queries on PGlite: 100k models, a year of daily snapshots (200 runs each; target p95 under 50 ms)');
log(`   /origins view:timeline since:2025-01   p50 ${history.timeline.p50} ms, p95 ${history.timeline.p95} ms`);
log(`   /rankings metric:growth days:7         p50 ${history.growth7.p50} ms, p95 ${history.growth7.p95} ms`);
log(`   /rankings metric:growth days:30        p50 ${history.growth30.p50} ms, p95 ${history.growth30.p95} ms`);
log(`   /origins view:ecosystem (50 runs)      p50 ${history.ecosystem.p50} ms, p95 ${history.ecosystem.p95} ms`);
log(
  `   model_snapshots: ${history.snapshotRows.toLocaleString('en-US')} rows (500 models per org × 365 days), ` +
    `${history.snapshotMb} MB on disk (${history.snapshotHeapMb} MB table, the rest its key), ` +
    `${history.bytesPerRow} bytes a row; filled in ${Math.round(history.fillMs / 1000)} s`,
);
log(`   one org's refresh with a year behind it (500 models): p50 ${history.refreshPerOrg.p50} ms`);

const charts = await benchCharts({ runs: 200 });
log(`\n9. Charts: ${charts.runs} PNGs (timeline, ranking, share in turn), drawn by the chart process`);
log(`   first chart (starts the chart process) ${charts.coldMs} ms; then p50 ${charts.p50}, p95 ${charts.p95} ms`);
log(
  `   the asking process: ${charts.serviceBeforeMb} MB before, +${charts.serviceAddedMb} MB after the charts, ` +
    `+${charts.serviceAddedIdleMb} MB once the chart process ended (idle)`,
);
log(
  `   the chart process while it runs: ${charts.chartProcessFirstMb} MB after the first chart, ` +
    `${charts.chartProcessLastMb} MB after the last (peak ${charts.chartProcessPeakMb} MB); ` +
    `${charts.meanKib} KiB a PNG`,
);
log('   (targets: p95 under 150 ms, under 30 MB added to the service)');
