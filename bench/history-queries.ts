import { sql } from 'drizzle-orm';
import { COMMANDS } from '../commands/index.js';
import { runCommand } from '../commands/run-command.js';
import type { CommandDef, RawArgs } from '../commands/types.js';
import { openPglite } from '../db/open-pglite.js';
import type { DatabaseHandle } from '../db/database.js';
import { seedDefaults } from '../db/seed.js';
import { labs } from '../db/schema.js';
import { LOCAL_WORKSPACE_ID } from '../src/shared/local-workspace.js';
import { silentLogger } from '../src/shared/logger.js';
import { createPostgresServices } from '../src/storage/create-services.js';
import { storeMetrics } from '../src/worker/store-metrics.js';

const DAY = 86_400_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * 100k models over the default catalog's labs, one release per three models from 2019 on (some
 * undated), and a year of daily snapshots for the models a metrics refresh covers: the 500 most
 * downloaded of each org. Filled in SQL, as the bulk is far beyond what a test would write row by row.
 */
async function fill(handle: DatabaseHandle, modelCount: number, now: Date, snapshots: boolean) {
  const { db } = handle;
  await seedDefaults(db);
  const labIds = (await db.select({ id: labs.id }).from(labs)).map((l) => l.id);
  const orgCount = labIds.length;
  const nowIso = now.toISOString();
  const releaseCount = Math.floor(modelCount / 3);
  await db.execute(
    sql.raw(`
    insert into releases (lab_id, title, variant_only, first_seen_at, historical, undated)
    select (array[${labIds.join(',')}])[1 + r % ${orgCount}], 'org' || (r % ${orgCount}) || '/model-' || (r * 3),
      r % 20 = 0, case when r % 50 = 0 then timestamptz '2022-03-02 23:29:04+00'
        else timestamptz '2019-01-01' + ((r * 7919) % 2880) * interval '1 day' end,
      r % 7 <> 0, r % 50 = 0
    from generate_series(0, ${releaseCount - 1}) r`),
  );
  await db.execute(
    sql.raw(`
    insert into models (id, repo, org, lab_id, created_at, task, params, downloads, likes, trending_score,
      is_variant, release_id, finetunes, adapters, quantizations, merges, likes_gained_7d, downloads_change_7d,
      likes_gained_30d, downloads_change_30d)
    select lpad(to_hex(n), 24, '0'), 'org' || (n % ${orgCount}) || '/model-' || n, 'org' || (n % ${orgCount}),
      (array[${labIds.join(',')}])[1 + n % ${orgCount}], timestamptz '${nowIso}' - (n % 2000) * interval '1 day',
      'text-generation', 1e9 * (1 + n % 400), (n * 7919) % 1000000, (n * 31) % 5000, n % 97,
      n % 5 = 1, 1 + (n / 3) % ${releaseCount}, (n * 13) % 900, (n * 7) % 300, (n * 11) % 700, n % 40,
      case when n % 4 = 0 then null else (n * 17) % 300 end, (n * 37) % 20000 - 10000,
      case when n % 3 = 0 then null else (n * 19) % 900 end, (n * 41) % 50000 - 25000
    from generate_series(0, ${modelCount - 1}) n`),
  );
  // The refresh reads at most 500 models per org: those get a year of daily rows. The key is built after
  // the bulk insert, which is several times faster than keeping it up row by row.
  const started = performance.now();
  if (!snapshots) {
    await db.execute(sql`analyze`);
    return { snapshotRows: 0, fillMs: 0 };
  }
  await db.execute(sql`alter table model_snapshots drop constraint model_snapshots_model_seq_models_seq_fk`);
  await db.execute(sql`alter table model_snapshots drop constraint model_snapshots_model_seq_day_pk`);
  const result = await db.execute(sql`
    insert into model_snapshots (model_seq, day, downloads, likes, trending_score, downloads_all_time,
      finetunes, adapters, quantizations, merges)
    select m.seq, ${now.toISOString().slice(0, 10)}::date - d_i, (m.downloads + d_i * 13) % 1000000,
      m.likes - 365 + d_i, m.trending_score, m.downloads * 40 + d_i * 1000, m.finetunes, m.adapters,
      m.quantizations, m.merges
    from (select seq, downloads, likes, trending_score, finetunes, adapters, quantizations, merges,
            row_number() over (partition by org order by downloads desc) as rank from models) m,
      generate_series(0, 364) d_i
    where m.rank <= 500`);
  await db.execute(sql`alter table model_snapshots add constraint model_snapshots_model_seq_day_pk
    primary key (model_seq, day)`);
  await db.execute(sql`alter table model_snapshots add constraint model_snapshots_model_seq_models_seq_fk
    foreign key (model_seq) references models (seq) on delete cascade`);
  const rows = Number((result as { affectedRows?: number; rowCount?: number }).affectedRows ?? 0);
  await db.execute(sql`analyze`);
  return { snapshotRows: rows, fillMs: Math.round(performance.now() - started) };
}

async function time(runs: number, once: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const t = performance.now();
    await once();
    if (i >= 5) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: Number(percentile(times, 50).toFixed(2)), p95: Number(percentile(times, 95).toFixed(2)) };
}

/** p50/p95 of `/origins view:timeline` and `/rankings metric:growth`, the snapshot table's size, a refresh's cost. */
export async function benchHistoryQueries(options: { modelCount: number; runs: number; snapshots?: boolean }) {
  const now = new Date();
  const handle = await openPglite();
  try {
    const filled = await fill(handle, options.modelCount, now, options.snapshots ?? true);
    const ctx = {
      services: createPostgresServices(handle.db),
      commands: COMMANDS,
      now: () => now,
      hubUrl: 'https://huggingface.co',
      logger: silentLogger(),
    };
    const command = (name: string) => COMMANDS.find((c) => c.name === name) as CommandDef;
    const run = (name: string, args: RawArgs) => () =>
      runCommand(ctx, command(name), {
        workspace: { id: LOCAL_WORKSPACE_ID, platform: 'console' },
        channel: { id: 'stdout', destination: 'console:stdout' },
        user: { id: 'bench', isAdmin: false },
        args,
      });
    const timeline = await time(options.runs, run('origins', { view: 'timeline', since: '2025-01' }));
    const growth7 = await time(options.runs, run('rankings', { metric: 'growth', days: '7' }));
    const growth30 = await time(options.runs, run('rankings', { metric: 'growth', days: '30' }));
    const ecosystem = await time(Math.min(50, options.runs), run('origins', { view: 'ecosystem' }));

    const [size] = (
      (await handle.db.execute(sql`select pg_total_relation_size('model_snapshots')::float8 as total,
        pg_relation_size('model_snapshots')::float8 as heap`)) as unknown as { rows: { total: number; heap: number }[] }
    ).rows;
    // What one org's refresh costs with a year of history behind it: 500 models, growth and today's rows.
    const sample = (
      (await handle.db.execute(
        sql`select id, downloads, likes from models where org = 'org1' order by downloads desc limit 500`,
      )) as unknown as { rows: { id: string; downloads: number; likes: number }[] }
    ).rows;
    const refresh = await time(10, () =>
      handle.db.transaction((tx) =>
        storeMetrics(
          tx,
          sample.map((m) => ({ ...m, trendingScore: 1 })),
          new Date(now.getTime() + DAY),
        ),
      ),
    );
    return {
      ...filled,
      timeline,
      growth7,
      growth30,
      ecosystem,
      refreshPerOrg: refresh,
      snapshotMb: Math.round(size!.total / 1e6),
      snapshotHeapMb: Math.round(size!.heap / 1e6),
      bytesPerRow: Math.round(size!.total / Math.max(1, filled.snapshotRows)),
    };
  } finally {
    await handle.close();
  }
}
