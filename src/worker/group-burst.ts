import { familyKey } from './repo-names.js';
import { unionFind } from './union-find.js';

export interface BurstItem {
  repo: string;
  isVariant: boolean;
  parentRepo?: string | undefined;
  params?: number | undefined;
}

/**
 * Splits one lab's repos first seen in the same tick into releases: repos of one family (sizes,
 * roles, formats) and repos deriving from another repo of the burst end up together.
 */
export function groupBurst<T extends BurstItem>(items: readonly T[]): T[][] {
  const { union, groups } = unionFind(items);

  const byFamily = new Map<string, number>();
  const byRepo = new Map(items.map((item, i) => [item.repo.toLowerCase(), i]));
  items.forEach((item, i) => {
    const key = familyKey(item.repo);
    const first = byFamily.get(key);
    if (first === undefined) byFamily.set(key, i);
    else union(first, i);
    const p = item.parentRepo === undefined ? undefined : byRepo.get(item.parentRepo.toLowerCase());
    if (p !== undefined) union(p, i);
  });

  return groups();
}

/** The repo an alert is titled after: the largest original model, else the shortest name. */
export function pickTitle<T extends BurstItem>(group: readonly T[]): T {
  const originals = group.filter((item) => !item.isVariant);
  const pool = originals.length > 0 ? originals : group;
  return [...pool].sort(
    (a, b) => (b.params ?? 0) - (a.params ?? 0) || a.repo.length - b.repo.length || a.repo.localeCompare(b.repo),
  )[0]!;
}
