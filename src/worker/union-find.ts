/**
 * Disjoint sets over the items' indexes: `union` puts two items in one group, `groups` returns the
 * items grouped, each group in the items' order and led by its earliest item.
 */
export function unionFind<T>(items: readonly T[]) {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const groups = (): T[][] => {
    const byRoot = new Map<number, T[]>();
    items.forEach((item, i) => {
      const root = find(i);
      const group = byRoot.get(root);
      if (group) group.push(item);
      else byRoot.set(root, [item]);
    });
    return [...byRoot.values()];
  };
  return { union, groups };
}
