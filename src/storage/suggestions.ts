import { asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labOrgs, labs, models } from '../../db/schema.js';

const LIMIT = 25;

function pattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Lab names matching what was typed (by name or by one of its orgs). */
export async function suggestLabs(db: Queryable, typed: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ name: labs.name })
    .from(labs)
    .leftJoin(labOrgs, eq(labOrgs.labId, labs.id))
    .where(typed ? or(ilike(labs.name, pattern(typed)), ilike(labOrgs.org, pattern(typed))) : undefined)
    .orderBy(asc(labs.name))
    .limit(LIMIT);
  return rows.map((r) => r.name);
}

export async function suggestOrgs(db: Queryable, typed: string): Promise<string[]> {
  const rows = await db
    .select({ org: labOrgs.org })
    .from(labOrgs)
    .where(typed ? ilike(labOrgs.org, pattern(typed)) : undefined)
    .orderBy(asc(sql`lower(${labOrgs.org})`))
    .limit(LIMIT);
  return rows.map((r) => r.org);
}

/** Public repos matching what was typed, most downloaded first. */
export async function suggestModels(db: Queryable, typed: string): Promise<string[]> {
  const rows = await db
    .select({ repo: models.repo })
    .from(models)
    .where(typed ? sql`${models.private} = false and ${ilike(models.repo, pattern(typed))}` : eq(models.private, false))
    .orderBy(desc(models.downloads), asc(models.repo))
    .limit(LIMIT);
  return rows.map((r) => r.repo);
}
