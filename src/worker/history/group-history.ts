import { familyKey } from '../repo-names.js';
import { unionFind } from '../union-find.js';
import { isUndated } from './legacy-date.js';

export interface HistoryItem {
  repo: string;
  createdAt: Date | null;
  isVariant: boolean;
  /** The repo it derives from: a variant's parent or a finetune's base. */
  parentRepo?: string | undefined;
  params?: number | undefined;
}

/** Repos of one family created this close to the first of them were published together. */
export const HISTORY_WINDOW_DAYS = 7;
const WINDOW_MS = HISTORY_WINDOW_DAYS * 86_400_000;

function timeOf(item: HistoryItem): number | undefined {
  return isUndated(item.createdAt) ? undefined : item.createdAt!.getTime();
}

/**
 * Groups a lab's repos from before floodwatch watched it into releases, as a live burst would have been:
 * a variant joins the repo it derives from whenever that was created; a finetune joins its base when
 * created within the window; other repos of one family (the name without sizes, roles and formats)
 * form one release when created within the window of the first of them. Undated repos of one family
 * form one release.
 */
export function groupHistory<T extends HistoryItem>(items: readonly T[]): T[][] {
  const { union, groups } = unionFind(items);
  const byRepo = new Map(items.map((item, i) => [item.repo.toLowerCase(), i]));
  const attached = new Set<number>();
  items.forEach((item, i) => {
    const p = item.parentRepo === undefined ? undefined : byRepo.get(item.parentRepo.toLowerCase());
    if (p === undefined || p === i) return;
    if (item.isVariant) {
      union(p, i);
      attached.add(i);
      return;
    }
    const a = timeOf(item);
    const b = timeOf(items[p]!);
    const close = a === undefined || b === undefined ? a === b : Math.abs(a - b) <= WINDOW_MS;
    if (close) union(p, i);
  });

  const families = new Map<string, number[]>();
  items.forEach((item, i) => {
    if (attached.has(i)) return;
    const key = familyKey(item.repo);
    const members = families.get(key);
    if (members) members.push(i);
    else families.set(key, [i]);
  });
  for (const members of families.values()) {
    const undated = members.filter((i) => timeOf(items[i]!) === undefined);
    for (const i of undated.slice(1)) union(undated[0]!, i);
    const dated = members.filter((i) => timeOf(items[i]!) !== undefined);
    dated.sort((a, b) => timeOf(items[a]!)! - timeOf(items[b]!)!);
    let anchor: number | undefined;
    for (const i of dated) {
      if (anchor !== undefined && timeOf(items[i]!)! - timeOf(items[anchor]!)! <= WINDOW_MS) union(anchor, i);
      else anchor = i;
    }
  }

  return groups();
}

/** A historical release's date: its first original's creation (its first repo's if all are variants), or undated. */
export function historyDate(group: readonly HistoryItem[]): Date | undefined {
  const originals = group.filter((item) => !item.isVariant);
  const times = (originals.length > 0 ? originals : group).flatMap((item) => timeOf(item) ?? []);
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}
