import { desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { labOrgs, labs, models, releases } from '../../db/schema.js';
import type { ModelView, ReleaseView } from '../platforms/release-view.js';

interface RawModel extends Omit<ModelView, 'createdAt' | 'firstSeenPublicAt'> {
  createdAt: string | null;
  firstSeenPublicAt: string | null;
}

// Each release's models come back as one JSON array: one row per release keeps the round trip and
// the row decoding small, which is most of the cost on the embedded database.
const modelsJson = sql<RawModel[]>`coalesce((
  select json_agg(json_build_object(
    'id', m.id, 'repo', m.repo, 'task', m.task, 'params', m.params, 'license', m.license, 'gated', m.gated,
    'library', m.library, 'createdAt', m.created_at, 'firstSeenPublicAt', m.first_seen_public_at,
    'isVariant', m.is_variant, 'relation', m.relation, 'baseModels', m.base_models,
    'paramsByDtype', m.params_by_dtype, 'paramsActive', m.params_active, 'experts', m.experts,
    'expertsActive', m.experts_active, 'contextLength', m.context_length, 'cardLine', m.card_line,
    'runsOn', m.runs_on, 'providers', m.providers, 'baseLab', (
      select json_build_object('id', bl.id, 'name', bl.name, 'country', bl.country)
      from ${labOrgs} blo join ${labs} bl on bl.id = blo.lab_id
      where lower(blo.org) = lower(split_part(m.base_models[1], '/', 1)) limit 1)
  ) order by m.is_variant, m.params desc nulls last, m.repo)
  from ${models} m where m.release_id = ${releases.id}
), '[]'::json)`;

function toDate(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

/** Release views matching `where`, newest first, at most `limit`. */
export async function selectReleaseViews(db: Queryable, where: SQL | undefined, limit: number): Promise<ReleaseView[]> {
  const rows = await db
    .select({
      id: releases.id,
      title: releases.title,
      variantOnly: releases.variantOnly,
      firstSeenAt: releases.firstSeenAt,
      historical: releases.historical,
      undated: releases.undated,
      labId: labs.id,
      labName: labs.name,
      country: labs.country,
      models: modelsJson,
    })
    .from(releases)
    .innerJoin(labs, eq(labs.id, releases.labId))
    .where(where)
    .orderBy(desc(releases.firstSeenAt), desc(releases.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    variantOnly: r.variantOnly,
    firstSeenAt: r.firstSeenAt,
    historical: r.historical,
    undated: r.undated,
    lab: { id: r.labId, name: r.labName, country: r.country },
    models: (typeof r.models === 'string' ? (JSON.parse(r.models) as RawModel[]) : r.models).map((m) => ({
      ...m,
      params: m.params === null ? null : Number(m.params),
      paramsActive: m.paramsActive == null ? null : Number(m.paramsActive),
      createdAt: toDate(m.createdAt),
      firstSeenPublicAt: toDate(m.firstSeenPublicAt),
    })),
  }));
}

/** Loads full views of the given releases, in the order of `ids`. */
export async function loadReleaseViews(db: Queryable, ids: readonly number[]): Promise<ReleaseView[]> {
  if (ids.length === 0) return [];
  const views = await selectReleaseViews(db, inArray(releases.id, [...ids]), ids.length);
  const byId = new Map(views.map((v) => [v.id, v]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
