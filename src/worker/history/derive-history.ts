import { and, eq, gte, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Transaction } from '../../../db/database.js';
import { models, releases } from '../../../db/schema.js';
import type { Relation } from '../../sources/hf-hub/lineage.js';
import { classify } from '../classify.js';
import { pickTitle } from '../group-burst.js';
import { affected } from '../store-metrics.js';
import { groupHistory, historyDate, type HistoryItem } from './group-history.js';
import { LEGACY_IMPORT_DATE } from './legacy-date.js';
import { loadParents } from '../load-parents.js';

// Names "floodwatch history of lab N" among advisory locks: one writer per lab at a time, on every replica.
const HISTORY_LOCK = 7_401;
// Rows per statement, as for polls: small statements keep the embedded database's heap small.
const BATCH = 100;

export interface HistoryCount {
  /** Historical releases created. */
  releases: number;
  /** Of them, undated (legacy import date). */
  undated: number;
  /** Repos that joined a historical release, new or existing. */
  models: number;
}

interface Candidate extends HistoryItem {
  id: string;
}

interface Assignment {
  id: string;
  release_id: number;
  is_variant: boolean;
  parent_id: string | null;
}

/**
 * Turns an org's public repos that belong to no release (what a baseline stored) into historical
 * releases by the rules of live ones (see groupHistory): never alerted, dated by the repos' creation.
 * Only repos still without a release are claimed, under a lock per lab, so running it again, or beside
 * another replica, adds only what is missing. `since` leaves older repos as they are.
 */
export async function deriveHistory(
  tx: Transaction,
  input: { labId: number; org: string; labOrgs: ReadonlySet<string>; since?: Date | undefined },
): Promise<HistoryCount> {
  await tx.execute(sql`select pg_advisory_xact_lock(${HISTORY_LOCK}, ${input.labId})`);
  const conditions: SQL[] = [
    eq(models.labId, input.labId),
    sql`lower(${models.org}) = ${input.org.toLowerCase()}`,
    isNull(models.releaseId),
    eq(models.private, false),
  ];
  if (input.since) conditions.push(gte(models.createdAt, input.since));
  const rows = await tx
    .select({
      id: models.id,
      repo: models.repo,
      createdAt: models.createdAt,
      params: models.params,
      baseModels: models.baseModels,
      relation: models.relation,
    })
    .from(models)
    .where(and(...conditions));
  if (rows.length === 0) return { releases: 0, undated: 0, models: 0 };

  const candidates: Candidate[] = rows.map((r) => {
    const lineage = { baseModels: r.baseModels, relation: (r.relation ?? undefined) as Relation | undefined };
    const { isVariant, parentRepo } = classify(r.repo, lineage, input.labOrgs);
    return { id: r.id, repo: r.repo, createdAt: r.createdAt, params: r.params ?? undefined, isVariant, parentRepo };
  });
  const byRepo = new Map(candidates.map((c) => [c.repo.toLowerCase(), c]));
  const parents = await loadParents(tx, [
    ...new Set(candidates.flatMap((c) => (c.parentRepo ? [c.parentRepo.toLowerCase()] : []))),
  ]);
  const parentId = (c: Candidate) => {
    const key = c.parentRepo?.toLowerCase();
    return key === undefined ? null : (byRepo.get(key)?.id ?? parents.get(key)?.id ?? null);
  };
  const assignments: Assignment[] = [];
  const assign = (group: readonly Candidate[], releaseId: number) => {
    for (const c of group)
      assignments.push({ id: c.id, release_id: releaseId, is_variant: c.isVariant, parent_id: parentId(c) });
  };

  const fresh: { group: Candidate[]; values: typeof releases.$inferInsert }[] = [];
  for (const group of groupHistory(candidates)) {
    const variantOnly = group.every((c) => c.isVariant);
    // Lone variants of an older historical release join it, as live ones would; never a live release.
    const folded = variantOnly
      ? group
          .map((c) =>
            byRepo.has(c.parentRepo?.toLowerCase() ?? '') ? undefined : parents.get(c.parentRepo?.toLowerCase() ?? ''),
          )
          .find((p) => p?.releaseId != null && p.historical === true)?.releaseId
      : undefined;
    if (folded != null) {
      assign(group, folded);
      continue;
    }
    const date = historyDate(group);
    const values = {
      labId: input.labId,
      title: pickTitle(group).repo,
      variantOnly,
      firstSeenAt: date ?? LEGACY_IMPORT_DATE,
      historical: true,
      undated: date === undefined,
    };
    fresh.push({ group, values });
  }

  const created: number[] = [];
  for (let i = 0; i < fresh.length; i += BATCH) {
    const batch = fresh.slice(i, i + BATCH);
    const rows = await tx
      .insert(releases)
      .values(batch.map((f) => f.values))
      .returning({ id: releases.id, title: releases.title });
    // Each repo is in one group only, so titles are unique within a batch.
    const idByTitle = new Map(rows.map((r) => [r.title, r.id]));
    for (const { group, values } of batch) {
      const releaseId = idByTitle.get(values.title)!;
      created.push(releaseId);
      assign(group, releaseId);
    }
  }

  let claimed = 0;
  for (let i = 0; i < assignments.length; i += BATCH) {
    const result = await tx.execute(sql`
      update models set release_id = v.release_id, is_variant = v.is_variant, parent_id = v.parent_id
      from jsonb_to_recordset(${JSON.stringify(assignments.slice(i, i + BATCH))}::jsonb)
        as v(id text, release_id bigint, is_variant boolean, parent_id text)
      where models.id = v.id and models.release_id is null`);
    claimed += affected(result);
  }
  // A repo that a live poll claimed meanwhile is not taken back: a release left with no repo goes.
  const dropped: { undated: boolean }[] = [];
  if (claimed < assignments.length) {
    for (let i = 0; i < created.length; i += 1000) {
      const gone = await tx
        .delete(releases)
        .where(
          and(
            inArray(releases.id, created.slice(i, i + 1000)),
            sql`not exists (select 1 from ${models} m where m.release_id = ${releases.id})`,
          ),
        )
        .returning({ undated: releases.undated });
      dropped.push(...gone);
    }
  }
  const undated = fresh.filter((f) => f.values.undated).length - dropped.filter((d) => d.undated).length;
  return { releases: created.length - dropped.length, undated, models: claimed };
}
