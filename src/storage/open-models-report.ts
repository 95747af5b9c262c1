import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labs, models, releases } from '../../db/schema.js';
import type { OpenModelsReport, ReportQuery } from '../ports/reports.js';
import { trackedLabIds } from './tracked-labs.js';

const DAY_MS = 86_400_000;

/**
 * The live releases of the span (history and variant-only releases left out) from the labs the
 * workspace tracks, counted by lab and country, with the most liked of their own models.
 */
export async function openModelsReport(db: Queryable, query: ReportQuery): Promise<OpenModelsReport> {
  const to = query.now;
  const from = new Date(to.getTime() - query.days * DAY_MS);
  const conditions: SQL[] = [
    gte(releases.firstSeenAt, from),
    lt(releases.firstSeenAt, to),
    eq(releases.historical, false),
    eq(releases.variantOnly, false),
    inArray(releases.labId, trackedLabIds(db, query.workspaceId)),
  ];
  if (query.labIds?.length) conditions.push(inArray(releases.labId, [...query.labIds]));
  if (query.countries?.length) conditions.push(inArray(labs.country, [...query.countries]));
  const where = and(...conditions);

  const byLab = await db
    .select({ lab: labs.name, country: labs.country, releases: count() })
    .from(releases)
    .innerJoin(labs, eq(labs.id, releases.labId))
    .where(where)
    .groupBy(labs.id, labs.name, labs.country)
    .orderBy(desc(count()), labs.name);
  const mostLiked = await db
    .select({ repo: models.repo, lab: labs.name, country: labs.country, likes: models.likes })
    .from(models)
    .innerJoin(releases, eq(releases.id, models.releaseId))
    .innerJoin(labs, eq(labs.id, releases.labId))
    .where(and(where, eq(models.isVariant, false), eq(models.private, false)))
    .orderBy(desc(models.likes), models.repo)
    .limit(query.top ?? 5);

  const total = byLab.reduce((n, l) => n + l.releases, 0);
  const perCountry = new Map<string, number>();
  for (const lab of byLab) perCountry.set(lab.country, (perCountry.get(lab.country) ?? 0) + lab.releases);
  const countries = [...perCountry]
    .map(([country, n]) => ({ country, releases: n, share: total ? n / total : 0 }))
    .sort((a, b) => b.releases - a.releases || a.country.localeCompare(b.country));
  return { from, to, days: query.days, releases: total, labs: byLab.length, countries, byLab, mostLiked };
}
