import { eq } from 'drizzle-orm';
import type { Transaction } from '../../db/database.js';
import { labs, models, releases } from '../../db/schema.js';
import { fanOut } from '../delivery/fan-out.js';
import type { HubModelDetails } from '../sources/hf-hub/client.js';
import { classify } from './classify.js';
import { groupBurst, pickTitle } from './group-burst.js';
import { loadParents } from './load-parents.js';

export type NewModel = HubModelDetails;

interface Classified extends NewModel {
  isVariant: boolean;
  parentRepo?: string | undefined;
}

/**
 * Turns one lab's repos first seen in this tick into releases: classifies each, groups the burst,
 * folds variants into their parent's release when it has one, and fans every new release out.
 */
export async function createReleases(
  tx: Transaction,
  input: { labId: number; labOrgs: ReadonlySet<string>; models: readonly NewModel[]; now: Date },
): Promise<{ releaseIds: number[]; deliveries: number }> {
  if (input.models.length === 0) return { releaseIds: [], deliveries: 0 };
  const classified: Classified[] = input.models.map((m) => ({ ...m, ...classify(m.repo, m.lineage, input.labOrgs) }));
  const parents = await loadParents(tx, [
    ...new Set(classified.flatMap((m) => (m.parentRepo ? [m.parentRepo.toLowerCase()] : []))),
  ]);
  const [lab] = await tx.select({ country: labs.country }).from(labs).where(eq(labs.id, input.labId));

  const releaseIds: number[] = [];
  let deliveries = 0;
  for (const group of groupBurst(classified)) {
    const variantOnly = group.every((m) => m.isVariant);
    // A new variant of a model from before the baseline is news to whoever wants variants: it never
    // disappears into a historical release.
    const folded = variantOnly
      ? group
          .map((m) => parents.get(m.parentRepo?.toLowerCase() ?? ''))
          .find((p) => p?.releaseId != null && !p.historical)?.releaseId
      : undefined;
    let releaseId = folded ?? undefined;
    if (releaseId === undefined) {
      const [created] = await tx
        .insert(releases)
        .values({ labId: input.labId, title: pickTitle(group).repo, variantOnly, firstSeenAt: input.now })
        .returning({ id: releases.id });
      releaseId = created!.id;
      releaseIds.push(releaseId);
      const params = group.flatMap((m) => (m.params === undefined ? [] : [m.params]));
      deliveries += await fanOut(
        tx,
        {
          id: releaseId,
          labId: input.labId,
          country: lab?.country ?? '',
          tasks: [...new Set(group.flatMap((m) => (m.task ? [m.task] : [])))],
          maxParams: params.length > 0 ? Math.max(...params) : undefined,
          variantOnly,
        },
        input.now,
      );
    }
    for (const m of group) {
      const parent = m.parentRepo ? parents.get(m.parentRepo.toLowerCase()) : undefined;
      await tx
        .update(models)
        .set({ releaseId, isVariant: m.isVariant, parentId: parent?.id ?? null })
        .where(eq(models.id, m.id));
    }
  }
  return { releaseIds, deliveries };
}
