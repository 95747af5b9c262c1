import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labs, models, releases } from '../../db/schema.js';
import type { ModelView, ReleaseView } from './release-view.js';

/** Loads full views of the given releases, in the order of `ids`. */
export async function loadReleaseViews(db: Queryable, ids: readonly number[]): Promise<ReleaseView[]> {
  if (ids.length === 0) return [];
  const heads = await db
    .select({
      id: releases.id,
      title: releases.title,
      variantOnly: releases.variantOnly,
      firstSeenAt: releases.firstSeenAt,
      labId: labs.id,
      labName: labs.name,
      country: labs.country,
    })
    .from(releases)
    .innerJoin(labs, eq(labs.id, releases.labId))
    .where(inArray(releases.id, [...ids]));
  const rows = await db
    .select({
      releaseId: models.releaseId,
      id: models.id,
      repo: models.repo,
      task: models.task,
      params: models.params,
      license: models.license,
      gated: models.gated,
      library: models.library,
      createdAt: models.createdAt,
      firstSeenPublicAt: models.firstSeenPublicAt,
      isVariant: models.isVariant,
      relation: models.relation,
      baseModels: models.baseModels,
    })
    .from(models)
    .where(inArray(models.releaseId, [...ids]))
    .orderBy(asc(models.isVariant), desc(models.params), asc(models.repo));
  const byRelease = new Map<number, ModelView[]>();
  for (const { releaseId, ...model } of rows) {
    if (releaseId === null) continue;
    byRelease.set(releaseId, [...(byRelease.get(releaseId) ?? []), model]);
  }
  const byId = new Map(
    heads.map((h) => [
      h.id,
      {
        id: h.id,
        title: h.title,
        variantOnly: h.variantOnly,
        firstSeenAt: h.firstSeenAt,
        lab: { id: h.labId, name: h.labName, country: h.country },
        models: byRelease.get(h.id) ?? [],
      } satisfies ReleaseView,
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}
