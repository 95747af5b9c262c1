import type { FakeRepo } from './types.js';

export type SortValue = number | string;

/** A place in a listing: the sort value and `_id` of one item. */
export interface Position {
  value: SortValue;
  _id: string;
}

function time(iso: string | undefined): number {
  return (iso && Date.parse(iso)) || 0;
}

/** Sort keys the fake understands; the Hub always sorts them descending. */
export const SORTS: Record<string, (repo: FakeRepo) => SortValue> = {
  createdAt: (r) => time(r.createdAt),
  lastModified: (r) => time(r.lastModified ?? r.createdAt),
  downloads: (r) => r.downloads ?? 0,
  likes: (r) => r.likes ?? 0,
  // The fake keeps no 30-day like history: all-time likes stand in.
  likes30d: (r) => r.likes ?? 0,
  trendingScore: (r) => r.trendingScore ?? 0,
  num_parameters: (r) => r.safetensors?.total ?? 0,
  id: (r) => r.id.toLowerCase(),
};

/** No `sort`: `_id` order, which for ObjectIds is creation order. */
export const UNSORTED = '_id';

export function sortValue(sort: string, repo: FakeRepo): SortValue {
  const key = SORTS[sort];
  return key ? key(repo) : repo._id;
}

/**
 * Negative when `a` comes first: value descending, then `_id` ascending among equals, which is
 * how the Hub's own cursor (`{ value, _id: { $gt } }`) breaks ties.
 */
export function comparePositions(a: Position, b: Position): number {
  if (a.value !== b.value) return a.value > b.value ? -1 : 1;
  if (a._id === b._id) return 0;
  return a._id < b._id ? -1 : 1;
}
