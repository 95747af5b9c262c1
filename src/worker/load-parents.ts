import { eq, inArray, sql } from 'drizzle-orm';
import type { Transaction } from '../../db/database.js';
import { models, releases } from '../../db/schema.js';

export interface KnownParent {
  id: string;
  repoLower: string;
  releaseId: number | null;
  /** Whether the parent's release is historical; null when it has none. */
  historical: boolean | null;
}

const CHUNK = 1000;

/** The stored models among `repos` (lower-cased names), with their release, by lower-cased name. */
export async function loadParents(tx: Transaction, repos: readonly string[]): Promise<Map<string, KnownParent>> {
  const out = new Map<string, KnownParent>();
  for (let i = 0; i < repos.length; i += CHUNK) {
    const rows = await tx
      .select({
        id: models.id,
        repoLower: sql<string>`lower(${models.repo})`,
        releaseId: models.releaseId,
        historical: releases.historical,
      })
      .from(models)
      .leftJoin(releases, eq(releases.id, models.releaseId))
      .where(inArray(sql`lower(${models.repo})`, repos.slice(i, i + CHUNK)));
    for (const row of rows) out.set(row.repoLower, row);
  }
  return out;
}
