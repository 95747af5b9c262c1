import { inArray } from 'drizzle-orm';
import type { Transaction } from '../../db/database.js';
import { models, modelChanges } from '../../db/schema.js';
import { fanOutChange } from '../delivery/fan-out.js';

export type ChangeField = 'license' | 'gated' | 'visibility';

/** A change to a released model, with its before and after as shown (`apache-2.0 → other`, `no → manual`). */
export interface DetectedChange {
  modelId: string;
  labId: number;
  repo: string;
  field: ChangeField;
  before: string;
  after: string;
}

/** What a change detector needs of a stored model; read under a row lock, so two writers never both see it. */
export interface LockedModel {
  id: string;
  repo: string;
  labId: number;
  releaseId: number | null;
  private: boolean;
  gated: string | null;
  license: string | null;
  removedAt: Date | null;
}

export const WITHDRAWN = 'withdrawn';
export const PUBLIC = 'public';

/** How gating is shown: `no`, `auto` or `manual`. */
export function gatedLabel(gated: string | null): string {
  return gated ?? 'no';
}

/** How a license is shown: its Hub id, or `none`. */
export function licenseLabel(license: string | null): string {
  return license ?? 'none';
}

/** Locks the stored rows of these models for the rest of the transaction and reads them. */
export async function lockModels(tx: Transaction, ids: readonly string[]): Promise<Map<string, LockedModel>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({
      id: models.id,
      repo: models.repo,
      labId: models.labId,
      releaseId: models.releaseId,
      private: models.private,
      gated: models.gated,
      license: models.license,
      removedAt: models.removedAt,
    })
    .from(models)
    .where(inArray(models.id, [...ids]))
    .for('update');
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Stores the changes and one outbox row for each subscription that wants them, in the caller's
 * transaction: the write that noticed a change and its alerts exist together or not at all.
 */
export async function recordChanges(tx: Transaction, changes: readonly DetectedChange[], now: Date): Promise<number> {
  if (changes.length === 0) return 0;
  const stored = await tx
    .insert(modelChanges)
    .values(changes.map((c) => ({ ...c, detectedAt: now })))
    .returning({ id: modelChanges.id, labId: modelChanges.labId });
  let written = 0;
  for (const change of stored) written += await fanOutChange(tx, change, now);
  return written;
}
