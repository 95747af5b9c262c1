import type { Lineage } from '../sources/hf-hub/lineage.js';
import { nameOf, orgOf, stripFormatSuffix } from './repo-names.js';

export interface Classification {
  isVariant: boolean;
  /** The repo this one derives from, when known: a variant's parent or a finetune's base. */
  parentRepo?: string | undefined;
  why: 'quantized' | 'format' | 'adapter' | 'merge' | 'reupload' | 'finetune' | 'original';
}

/**
 * Decides whether a lab's new repo is a release of its own or a variant that folds into its parent's:
 * quantizations and format re-uploads (of any model) are variants; adapters, merges and same-name
 * re-uploads are variants when they derive from the lab's own model; a finetune, even of the lab's own
 * Base model, is a release.
 */
export function classify(repo: string, lineage: Lineage, labOrgs: ReadonlySet<string>): Classification {
  const base = lineage.baseModels[0];
  const ownBase = base !== undefined && labOrgs.has(orgOf(base).toLowerCase());
  if (lineage.relation === 'quantized') return { isVariant: true, parentRepo: base, why: 'quantized' };
  const stem = stripFormatSuffix(repo);
  if (stem !== undefined) return { isVariant: true, parentRepo: base ?? stem, why: 'format' };
  if ((lineage.relation === 'adapter' || lineage.relation === 'merge') && ownBase) {
    return { isVariant: true, parentRepo: base, why: lineage.relation };
  }
  const sameName = lineage.baseModels.find(
    (b) =>
      labOrgs.has(orgOf(b).toLowerCase()) &&
      nameOf(b).toLowerCase() === nameOf(repo).toLowerCase() &&
      b.toLowerCase() !== repo.toLowerCase(),
  );
  if (sameName !== undefined) return { isVariant: true, parentRepo: sameName, why: 'reupload' };
  if (base !== undefined) return { isVariant: false, parentRepo: base, why: 'finetune' };
  return { isVariant: false, why: 'original' };
}
