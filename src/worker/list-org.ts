import { inArray } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { models } from '../../db/schema.js';
import type { HubModel, HubSource } from '../sources/hf-hub/client.js';

export type PollMode = 'baseline' | 'steady' | 'full';

async function collect(items: AsyncIterable<HubModel>): Promise<HubModel[]> {
  const out: HubModel[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function knownIds(db: Database, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: models.id }).from(models).where(inArray(models.id, ids));
  return new Set(rows.map((r) => r.id));
}

/**
 * Lists what a poll of the org needs to look at. Steady state reads one small page of the newest
 * repos and pages further only while a whole page is unknown; a baseline or full poll reads all.
 */
export async function listOrg(
  db: Database,
  hub: HubSource,
  org: string,
  mode: PollMode,
  pageSize: number,
): Promise<HubModel[]> {
  if (mode !== 'steady') return collect(hub.all(org, { withTags: mode === 'baseline' }));
  const out: HubModel[] = [];
  let page: HubModel[] = [];
  for await (const item of hub.newest(org, pageSize)) {
    page.push(item);
    if (page.length < pageSize) continue;
    out.push(...page);
    const known = await knownIds(db, page.map((m) => m.id));
    if (known.size > 0) return out;
    page = [];
  }
  out.push(...page);
  return out;
}
