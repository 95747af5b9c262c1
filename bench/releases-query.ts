import { sql } from 'drizzle-orm';
import { openPglite } from '../db/open-pglite.js';
import { openPostgres } from '../db/open-postgres.js';
import type { DatabaseHandle } from '../db/database.js';
import { seedDefaults } from '../db/seed.js';
import { labs, models, releases } from '../db/schema.js';
import { recentReleases } from '../src/storage/recent-releases.js';

const DAY = 86_400_000;

async function fill(handle: DatabaseHandle, modelCount: number, releasesPerWeek: number, now: Date) {
  await seedDefaults(handle.db);
  const labIds = (await handle.db.select({ id: labs.id }).from(labs)).map((l) => l.id);
  // One release per 5 models, spread so that a week holds `releasesPerWeek` of them; the rest baseline.
  const spanDays = Math.max(7, Math.round((7 * modelCount) / 5 / releasesPerWeek));
  const releaseRows = Array.from({ length: modelCount / 5 }, (_, i) => ({
    labId: labIds[i % labIds.length]!,
    title: `org${i % labIds.length}/model-${i}`,
    firstSeenAt: new Date(now.getTime() - ((i * 7919) % spanDays) * DAY - (i % 86_400) * 1000),
  }));
  const releaseIds: number[] = [];
  for (let i = 0; i < releaseRows.length; i += 1000) {
    const ids = await handle.db
      .insert(releases)
      .values(releaseRows.slice(i, i + 1000))
      .returning({ id: releases.id });
    releaseIds.push(...ids.map((r) => r.id));
  }
  for (let i = 0; i < modelCount; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, modelCount - i) }, (_, k) => {
      const n = i + k;
      const releaseId = n % 5 === 0 ? releaseIds[n / 5] : n % 5 === 1 ? releaseIds[(n - 1) / 5] : null;
      return {
        id: n.toString(16).padStart(24, '0'),
        repo: `org${n % labIds.length}/model-${n}`,
        org: `org${n % labIds.length}`,
        labId: labIds[n % labIds.length]!,
        createdAt: new Date(now.getTime() - (n % 1000) * DAY),
        task: 'text-generation',
        params: 1e9 * (1 + (n % 400)),
        downloads: (n * 7919) % 1_000_000,
        likes: (n * 31) % 5000,
        isVariant: n % 5 === 1,
        releaseId: releaseId ?? null,
        baseline: releaseId === undefined || releaseId === null,
      };
    });
    await handle.db.insert(models).values(batch);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Latency of `releases --days 7` over 100k stored models, on PGlite and, when given, PostgreSQL. */
export async function benchReleasesQuery(options: {
  modelCount: number;
  releasesPerWeek: number;
  runs: number;
  postgresUrl?: string | undefined;
}) {
  const now = new Date();
  const results: Record<string, { p50: number; p95: number; releases: number }> = {};
  const targets: [string, () => Promise<DatabaseHandle>][] = [['pglite', () => openPglite()]];
  if (options.postgresUrl) targets.push(['postgres', () => openPostgres(options.postgresUrl!)]);
  for (const [name, open] of targets) {
    const handle = await open();
    await fill(handle, options.modelCount, options.releasesPerWeek, now);
    await handle.db.execute(sql`analyze`);
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < options.runs + 5; i++) {
      const t = performance.now();
      const list = await recentReleases(handle.db, { now, days: 7, variants: true, limit: 1000 });
      if (i >= 5) times.push(performance.now() - t);
      count = list.length;
    }
    times.sort((a, b) => a - b);
    results[name] = {
      p50: Number(percentile(times, 50).toFixed(2)),
      p95: Number(percentile(times, 95).toFixed(2)),
      releases: count,
    };
    await handle.close();
  }
  return results;
}
