import type { ModelDetails } from '../ports/models.js';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labOrgs, labs, models, releases } from '../../db/schema.js';

async function labsOfOrgs(db: Queryable, orgs: string[]): Promise<Map<string, { name: string; country: string }>> {
  if (orgs.length === 0) return new Map();
  const rows = await db
    .select({ org: sql<string>`lower(${labOrgs.org})`, name: labs.name, country: labs.country })
    .from(labOrgs)
    .innerJoin(labs, eq(labs.id, labOrgs.labId))
    .where(inArray(sql`lower(${labOrgs.org})`, orgs));
  return new Map(rows.map((r) => [r.org, { name: r.name, country: r.country }]));
}

/** One model by repo name (any case), with its lineage's labs and its release. */
export async function modelDetails(db: Queryable, repo: string): Promise<ModelDetails | undefined> {
  const [row] = await db
    .select({ model: models, labId: labs.id, labName: labs.name, country: labs.country })
    .from(models)
    .innerJoin(labs, eq(labs.id, models.labId))
    .where(eq(sql`lower(${models.repo})`, repo.toLowerCase()))
    .orderBy(asc(models.private))
    .limit(1);
  if (!row) return undefined;
  const m = row.model;
  const baseLabs = await labsOfOrgs(db, [
    ...new Set(m.baseModels.map((b) => b.slice(0, b.indexOf('/')).toLowerCase())),
  ]);
  let release: ModelDetails['release'];
  if (m.releaseId !== null) {
    const [head] = await db.select().from(releases).where(eq(releases.id, m.releaseId));
    const members = await db
      .select({ repo: models.repo, isVariant: models.isVariant })
      .from(models)
      .where(eq(models.releaseId, m.releaseId))
      .orderBy(asc(models.isVariant), asc(models.repo));
    if (head)
      release = {
        id: head.id,
        title: head.title,
        firstSeenAt: head.firstSeenAt,
        historical: head.historical,
        undated: head.undated,
        models: members,
      };
  }
  return {
    id: m.id,
    repo: m.repo,
    lab: { id: row.labId, name: row.labName, country: row.country },
    createdAt: m.createdAt,
    firstSeenPublicAt: m.firstSeenPublicAt,
    task: m.task,
    library: m.library,
    license: m.license,
    params: m.params,
    gated: m.gated,
    private: m.private,
    downloads: m.downloads,
    likes: m.likes,
    trendingScore: m.trendingScore,
    isVariant: m.isVariant,
    relation: m.relation,
    baseModels: m.baseModels.map((b) => ({ repo: b, lab: baseLabs.get(b.slice(0, b.indexOf('/')).toLowerCase()) })),
    paramsByDtype: m.paramsByDtype,
    paramsActive: m.paramsActive,
    experts: m.experts,
    expertsActive: m.expertsActive,
    contextLength: m.contextLength,
    cardLine: m.cardLine,
    runsOn: m.runsOn,
    providers: m.providers,
    release,
  };
}
