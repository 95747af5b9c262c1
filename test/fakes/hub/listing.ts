import { decodeCursor, encodeCursor } from './cursor.js';
import { invalidExpand, LIST_DEFAULT_FIELDS, orgOf, project } from './fields.js';
import { comparePositions, type Position, SORTS, sortValue, UNSORTED } from './order.js';
import type { FakeRepo } from './types.js';

/** Page size when `limit` is absent, and the most one page holds. */
export const DEFAULT_PAGE_SIZE = 1000;

export type ListOutcome =
  { ok: true; items: Record<string, unknown>[]; nextCursor?: string } | { ok: false; status: number; error: string };

function parseLimit(raw: string | null): number | undefined {
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) return undefined;
  return Math.min(n, DEFAULT_PAGE_SIZE);
}

function matches(repo: FakeRepo, query: URLSearchParams): boolean {
  if (repo.disabled) return false;
  const author = query.get('author');
  if (author !== null && orgOf(repo.id).toLowerCase() !== author.toLowerCase()) return false;
  const search = query.get('search');
  if (search !== null && !repo.id.toLowerCase().includes(search.toLowerCase())) return false;
  const task = query.get('pipeline_tag');
  if (task !== null && repo.pipeline_tag !== task) return false;
  const tags = repo.tags ?? [];
  return query.getAll('filter').every((f) => tags.includes(f));
}

/** One page of `GET /api/models`: filter, sort descending, resume after the cursor, project. */
export function listPage(
  repos: readonly FakeRepo[],
  query: URLSearchParams,
  canSee: (repo: FakeRepo) => boolean,
  /** Fields this listing leaves out even when asked for (what a Hub version may not list). */
  omitted: ReadonlySet<string> = new Set(),
): ListOutcome {
  const limit = parseLimit(query.get('limit'));
  if (limit === undefined) return { ok: false, status: 400, error: '"limit" must be a positive integer' };
  const sort = query.get('sort') ?? UNSORTED;
  if (sort !== UNSORTED && !(sort in SORTS))
    return { ok: false, status: 400, error: `Invalid sort parameter: ${sort}` };
  const expand = query.getAll('expand');
  const badExpand = invalidExpand(expand);
  if (badExpand !== undefined)
    return { ok: false, status: 400, error: `"expand" contains an invalid value: ${badExpand}` };

  const rawCursor = query.get('cursor');
  const after = rawCursor === null ? undefined : decodeCursor(rawCursor, sort);
  if (rawCursor !== null && after === undefined) return { ok: false, status: 400, error: 'Invalid cursor' };

  const ordered = repos
    .filter((repo) => canSee(repo) && matches(repo, query))
    .map((repo) => ({ repo, position: { value: sortValue(sort, repo), _id: repo._id } satisfies Position }))
    .sort((a, b) => comparePositions(a.position, b.position));
  const start = after === undefined ? 0 : ordered.findIndex((e) => comparePositions(e.position, after) > 0);
  const rest = start === -1 ? [] : ordered.slice(start);
  const page = rest.slice(0, limit);

  const fields = expand.length > 0 ? expand : LIST_DEFAULT_FIELDS;
  const items = page.map((e) =>
    project(
      e.repo,
      fields.filter((f) => !omitted.has(f)),
    ),
  );
  const last = page.at(-1);
  if (rest.length <= limit || last === undefined) return { ok: true, items };
  return { ok: true, items, nextCursor: encodeCursor(sort, last.position) };
}
