import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Transaction } from '../../db/database.js';
import { models } from '../../db/schema.js';
import type { HubModel } from '../sources/hf-hub/client.js';
import { gatedLabel, licenseLabel, lockModels, PUBLIC, WITHDRAWN, type DetectedChange } from './model-changes.js';

/**
 * A full listing that leaves out more than this share of an org's public models (and more than a few)
 * is more likely cut short than a lab's clean-up: nothing is inferred from it.
 */
const MAX_ABSENT_SHARE = 0.5;
const FEW = 5;

/**
 * Compares listed repos with their stored rows (locked until the transaction ends): a released model
 * whose gating changed, that turned private, or that is listed public again after it was withdrawn. A
 * rename keeps the Hub's `_id`, so it is the same row and no change.
 */
export async function detectListed(tx: Transaction, items: readonly HubModel[]): Promise<DetectedChange[]> {
  const stored = await lockModels(
    tx,
    items.map((m) => m.id),
  );
  const changes: DetectedChange[] = [];
  for (const item of items) {
    const known = stored.get(item.id);
    if (known === undefined || known.releaseId === null || known.private) continue;
    const base = { modelId: item.id, labId: known.labId, repo: item.repo };
    if (item.private) {
      if (known.removedAt === null) changes.push({ ...base, field: 'visibility', before: PUBLIC, after: WITHDRAWN });
      continue;
    }
    if (known.removedAt !== null) changes.push({ ...base, field: 'visibility', before: WITHDRAWN, after: PUBLIC });
    const before = gatedLabel(known.gated);
    const after = gatedLabel(item.gated === false ? null : item.gated);
    if (before !== after) changes.push({ ...base, field: 'gated', before, after });
  }
  return changes;
}

/** The lab's models stored under the org that are public and not withdrawn: what a full listing should show. */
export function publicInOrg(target: { labId: number; org: string }) {
  return and(
    eq(models.labId, target.labId),
    sql`lower(${models.org}) = ${target.org.toLowerCase()}`,
    eq(models.private, false),
    isNull(models.removedAt),
  );
}

/**
 * After a full listing of an org (complete, or it would have thrown before anything was written): its
 * stored public models that the listing left out were made private or deleted. Each gets `removed_at`,
 * and each released one a change. Returns the changes, or `held` when the listing looks cut short.
 */
export async function withdrawAbsent(
  tx: Transaction,
  input: { org: string; labId: number; listed: readonly string[]; now: Date },
): Promise<{ changes: DetectedChange[]; held: number }> {
  const listed = new Set(input.listed);
  const present = await tx
    .select({ id: models.id, repo: models.repo, labId: models.labId, releaseId: models.releaseId })
    .from(models)
    .where(publicInOrg(input))
    .for('update');
  const absent = present.filter((m) => !listed.has(m.id));
  if (absent.length === 0) return { changes: [], held: 0 };
  if (absent.length > FEW && absent.length > present.length * MAX_ABSENT_SHARE)
    return { changes: [], held: absent.length };
  await tx
    .update(models)
    .set({ removedAt: input.now })
    .where(
      inArray(
        models.id,
        absent.map((m) => m.id),
      ),
    );
  const changes = absent
    .filter((m) => m.releaseId !== null)
    .map((m): DetectedChange => ({
      modelId: m.id,
      labId: m.labId,
      repo: m.repo,
      field: 'visibility',
      before: PUBLIC,
      after: WITHDRAWN,
    }));
  return { changes, held: 0 };
}

/**
 * Compares the licenses a metrics listing read from the tags with the stored ones and stores the new
 * ones. A license that went to another, or to none (the tags came without a `license:` tag), is a
 * change of a released model; a license where none was stored only fills a gap, since a repo stored from
 * a listing without tags has none stored whatever it has. No tags at all says nothing.
 */
export async function detectLicenses(
  tx: Transaction,
  listed: readonly { id: string; license?: string | null | undefined }[],
): Promise<DetectedChange[]> {
  const known = listed.filter((m) => m.license !== undefined) as { id: string; license: string | null }[];
  const stored = await lockModels(
    tx,
    known.map((m) => m.id),
  );
  const changes: DetectedChange[] = [];
  const writes: { id: string; license: string | null }[] = [];
  for (const item of known) {
    const row = stored.get(item.id);
    if (row === undefined || (row.license ?? '').toLowerCase() === (item.license ?? '').toLowerCase()) continue;
    writes.push(item);
    if (row.license === null || row.releaseId === null) continue;
    changes.push({
      modelId: row.id,
      labId: row.labId,
      repo: row.repo,
      field: 'license',
      before: licenseLabel(row.license),
      after: licenseLabel(item.license),
    });
  }
  if (writes.length > 0)
    await tx.execute(sql`
      update models set license = v.license
      from jsonb_to_recordset(${JSON.stringify(writes)}::jsonb) as v(id text, license text)
      where models.id = v.id`);
  return changes;
}
