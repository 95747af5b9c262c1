import { familyKey } from './repo-names.js';

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
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

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

  const groups = new Map<number, T[]>();
  items.forEach((item, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), item]);
  });
  return [...groups.values()];
}

/** The repo an alert is titled after: the largest original model, else the shortest name. */
export function pickTitle<T extends BurstItem>(group: readonly T[]): T {
  const originals = group.filter((item) => !item.isVariant);
  const pool = originals.length > 0 ? originals : group;
  return [...pool].sort(
    (a, b) => (b.params ?? 0) - (a.params ?? 0) || a.repo.length - b.repo.length || a.repo.localeCompare(b.repo),
  )[0]!;
}
