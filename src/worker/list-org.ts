import type { Database } from '../../db/database.js';
import type { HubModel, HubSource } from '../sources/hf-hub/client.js';
import { loadStored, type StoredState } from './stored-state.js';

export type PollMode = 'baseline' | 'steady' | 'full';

async function collect(items: AsyncIterable<HubModel>): Promise<HubModel[]> {
  const out: HubModel[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export interface OrgListing {
  items: HubModel[];
  /** What is stored for every listed repo. */
  stored: Map<string, StoredState>;
}

/**
 * Lists what a poll of the org needs to look at, with what is stored for it. Steady state reads one
 * small page of the newest repos and pages further only while a whole page is unknown; a baseline or
 * full poll reads all. Each repo's stored state is read once.
 */
export async function listOrg(
  db: Database,
  hub: HubSource,
  org: string,
  mode: PollMode,
  pageSize: number,
): Promise<OrgListing> {
  if (mode !== 'steady') {
    const items = await collect(hub.all(org, { history: mode === 'baseline' }));
    return {
      items,
      stored: await loadStored(
        db,
        items.map((m) => m.id),
      ),
    };
  }
  const items: HubModel[] = [];
  const stored = new Map<string, StoredState>();
  let page: HubModel[] = [];
  for await (const item of hub.newest(org, pageSize)) {
    page.push(item);
    if (page.length < pageSize) continue;
    items.push(...page);
    const known = await loadStored(
      db,
      page.map((m) => m.id),
      stored,
    );
    if (page.some((m) => known.has(m.id))) return { items, stored };
    page = [];
  }
  items.push(...page);
  await loadStored(
    db,
    page.map((m) => m.id),
    stored,
  );
  return { items, stored };
}
