import { and, eq, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../db/database.js';
import { labOrgs, models } from '../../db/schema.js';
import type { HubModel, HubModelDetails } from '../sources/hf-hub/client.js';
import { moeSizesFromName } from '../sources/hf-hub/model-config.js';
import type { PollMode } from './list-org.js';
import type { StoredState } from './stored-state.js';
import { createReleases, type NewModel } from './create-releases.js';
import type { FoundFacts } from './fetch-facts.js';
import type { HistoryCount } from './history/derive-history.js';
import { orgOf } from './repo-names.js';
import { recordChanges, type DetectedChange } from './model-changes.js';
import { detectListed, withdrawAbsent } from './detect-changes.js';

// Rows per statement: small statements keep the embedded database's WebAssembly heap from growing.
const BATCH = 100;

export interface PollChanges {
  /** Known repos whose listing data changed (rename, visibility, counters). */
  updated: HubModel[];
  /** Repos never stored that are private, or anything found by a baseline: stored silently. */
  silent: HubModel[];
  /** Repos seen public for the first time, with their details and what was found about them. */
  fresh: FreshModel[];
}

export type FreshModel = HubModelDetails & { facts?: FoundFacts | undefined };

export interface PollRecord {
  releaseIds: number[];
  deliveries: number;
  /** Changes of released models this poll noticed (gating, withdrawn, public again). */
  changes: number;
  /** Models a full listing left out but that were not taken as withdrawn: too many at once to trust. */
  withdrawalsHeld: number;
  stored: number;
  /** What a baseline turned into historical releases. */
  history?: HistoryCount | undefined;
}

/** Sorts a listing against what is stored: what to update, store silently, or treat as new. */
export function diffListing(
  items: readonly HubModel[],
  stored: ReadonlyMap<string, StoredState>,
  mode: PollMode,
): { updated: HubModel[]; silent: HubModel[]; candidates: HubModel[] } {
  const updated: HubModel[] = [];
  const silent: HubModel[] = [];
  const candidates: HubModel[] = [];
  for (const item of items) {
    const known = stored.get(item.id);
    if (known === undefined) {
      if (item.private || mode === 'baseline') silent.push(item);
      else candidates.push(item);
      continue;
    }
    // A baseline is silent even for a repo that turned public while nobody tracked its org.
    if (known.private && !item.private && mode !== 'baseline') candidates.push(item);
    else updated.push(item);
  }
  return { updated, silent, candidates };
}

/** The columns every listing refreshes. */
function listedColumns(m: HubModel) {
  return {
    id: m.id,
    repo: m.repo,
    org: orgOf(m.repo),
    private: m.private,
    gated: m.gated === false ? null : m.gated,
    task: m.task ?? null,
    downloads: m.downloads,
    likes: m.likes,
  };
}

/** A model row as first stored for a lab. */
function newModelRow(m: HubModel, labId: number, now: Date) {
  return {
    ...listedColumns(m),
    labId,
    createdAt: m.createdAt ?? null,
    library: m.library ?? null,
    license: m.license ?? null,
    params: m.params ?? null,
    baseModels: m.lineage?.baseModels ?? [],
    relation: m.lineage?.relation ?? null,
    paramsByDtype: m.paramsByDtype ?? null,
    // The name says it for free (`235B-A22B`); config.json and the card are read for new releases only.
    paramsActive: moeSizesFromName(m.repo)?.active ?? null,
    providers: m.providers ?? null,
    lastSeenAt: now,
  };
}

/** The columns a new model's facts fill. */
function factColumns(facts: FoundFacts | undefined) {
  return {
    experts: facts?.experts ?? null,
    expertsActive: facts?.expertsActive ?? null,
    contextLength: facts?.contextLength ?? null,
    cardLine: facts?.cardLine ?? null,
    runsOn: facts?.runsOn ?? null,
    factsAt: facts?.factsAt ?? null,
  };
}

/**
 * Refreshes known repos from the listing; what changed on a released model (gating, visibility) is
 * compared with the stored row, locked first, before it is overwritten. A listed repo is not withdrawn.
 */
async function applyUpdates(tx: Transaction, items: readonly HubModel[], now: Date): Promise<DetectedChange[]> {
  const changes: DetectedChange[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    const slice = items.slice(i, i + BATCH);
    changes.push(...(await detectListed(tx, slice)));
    const batch = slice.map(listedColumns);
    await tx.execute(sql`
      update models set repo = v.repo, org = v.org, private = v.private, gated = v.gated,
        task = coalesce(v.task, models.task), downloads = v.downloads, likes = v.likes, last_seen_at = ${now},
        removed_at = null
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
        as v(id text, repo text, org text, private boolean, gated text, task text, downloads integer, likes integer)
      where models.id = v.id`);
  }
  return changes;
}

async function storeSilently(
  tx: Transaction,
  items: readonly HubModel[],
  labId: number,
  now: Date,
  baseline: boolean,
): Promise<number> {
  let stored = 0;
  for (let i = 0; i < items.length; i += BATCH) {
    const rows = items.slice(i, i + BATCH).map((m) => ({ ...newModelRow(m, labId, now), baseline }));
    const written = await tx.insert(models).values(rows).onConflictDoNothing().returning({ id: models.id });
    stored += written.length;
  }
  return stored;
}

/**
 * Claims the fresh repos inside the transaction: a repo becomes new only for the writer whose insert
 * (or private-to-public update) actually changed the row, so two replicas never alert the same repo.
 */
async function claimFresh(
  tx: Transaction,
  fresh: readonly FreshModel[],
  labId: number,
  now: Date,
): Promise<HubModelDetails[]> {
  if (fresh.length === 0) return [];
  const values = fresh.map((m) => ({
    ...newModelRow(m, labId, now),
    ...factColumns(m.facts),
    firstSeenPublicAt: now,
    private: false,
    license: m.license ?? null,
    params: m.params ?? null,
  }));
  const inserted = await tx.insert(models).values(values).onConflictDoNothing().returning({ id: models.id });
  const claimed = new Set(inserted.map((r) => r.id));
  for (const value of values) {
    if (claimed.has(value.id)) continue;
    const flipped = await tx
      .update(models)
      .set({ ...value, id: undefined })
      .where(and(eq(models.id, value.id), eq(models.private, true)))
      .returning({ id: models.id });
    if (flipped.length > 0) claimed.add(value.id);
  }
  return fresh.filter((m) => claimed.has(m.id));
}

/**
 * Writes one org's poll in one transaction: updates, silent rows, new releases, changes of released
 * models, and their deliveries. Only a full listing is complete, so only it may find a model gone.
 */
export async function recordPoll(
  db: Database,
  input: {
    org: string;
    labId: number;
    labOrgs: ReadonlySet<string>;
    mode: PollMode;
    changes: PollChanges;
    /** The Hub ids of the whole listing: what a full poll compares the stored public models with. */
    listed?: readonly string[] | undefined;
    now: Date;
  },
): Promise<PollRecord> {
  const { org, labId, mode, changes, now } = input;
  return db.transaction(async (tx) => {
    const noticed = await applyUpdates(tx, changes.updated, now);
    const withdrawn =
      mode === 'full' && input.listed !== undefined
        ? await withdrawAbsent(tx, { org, labId, listed: input.listed, now })
        : { changes: [], held: 0 };
    noticed.push(...withdrawn.changes);
    const changeDeliveries = await recordChanges(tx, noticed, now);
    const stored = await storeSilently(tx, changes.silent, labId, now, mode === 'baseline');
    const claimed = await claimFresh(tx, changes.fresh, labId, now);
    const created = await createReleases(tx, { labId, labOrgs: input.labOrgs, models: claimed as NewModel[], now });
    await tx
      .update(labOrgs)
      .set({
        polledAt: now,
        baselineAt: sql`coalesce(${labOrgs.baselineAt}, ${now})`,
        lastError: null,
        ...(mode === 'steady' ? {} : { reconciledAt: now }),
      })
      .where(eq(labOrgs.org, org));
    return {
      releaseIds: created.releaseIds,
      deliveries: created.deliveries + changeDeliveries,
      changes: noticed.length,
      withdrawalsHeld: withdrawn.held,
      stored: stored + claimed.length,
    };
  });
}
