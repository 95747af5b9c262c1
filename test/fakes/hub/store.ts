import { orgOf } from './fields.js';
import type { FakeRepo } from './types.js';

export interface FoundRepo {
  repo: FakeRepo;
  /** True when the name asked for is an old name of a renamed repo. */
  moved: boolean;
}

export interface RepoStore {
  put(repo: FakeRepo): void;
  update(_id: string, patch: Partial<FakeRepo>): void;
  rename(_id: string, newId: string): void;
  remove(_id: string): void;
  /** Live records, for reading only. */
  all(): readonly FakeRepo[];
  /** By "org/name", case-insensitive like the Hub; old names of renamed repos still resolve. */
  find(name: string): FoundRepo | undefined;
}

function checkName(id: string): void {
  if (orgOf(id) === '' || id.endsWith('/'))
    throw new Error(`fake hub: repo id must be "org/name", got ${JSON.stringify(id)}`);
}

/** Repos by `_id`, with a name index and the old names left behind by renames. */
export function createRepoStore(): RepoStore {
  const byId = new Map<string, FakeRepo>();
  const byName = new Map<string, string>();
  const oldNames = new Map<string, string>();

  function get(_id: string): FakeRepo {
    const repo = byId.get(_id);
    if (!repo) throw new Error(`fake hub: no repo with _id ${_id}`);
    return repo;
  }

  function claimName(_id: string, id: string): void {
    checkName(id);
    const holder = byName.get(id.toLowerCase());
    // Two live repos can never share a name on the Hub: this is a test bug, say so.
    if (holder !== undefined && holder !== _id) throw new Error(`fake hub: ${id} is already taken by _id ${holder}`);
    byName.set(id.toLowerCase(), _id);
  }

  function store(repo: FakeRepo): void {
    const previous = byId.get(repo._id);
    claimName(repo._id, repo.id);
    if (previous && previous.id.toLowerCase() !== repo.id.toLowerCase()) byName.delete(previous.id.toLowerCase());
    byId.set(repo._id, structuredClone(repo));
  }

  function rename(_id: string, newId: string): void {
    const repo = get(_id);
    const oldId = repo.id;
    if (oldId === newId) return;
    const oldOrg = orgOf(oldId);
    const author = repo.author === undefined || repo.author === oldOrg ? orgOf(newId) : repo.author;
    store({ ...repo, id: newId, author });
    if (oldId.toLowerCase() !== newId.toLowerCase()) oldNames.set(oldId.toLowerCase(), _id);
  }

  return {
    put(repo) {
      if (!repo._id) throw new Error('fake hub: repo needs an _id');
      store(repo);
    },
    update(_id, patch) {
      const repo = get(_id);
      if (patch._id !== undefined && patch._id !== _id) throw new Error('fake hub: update cannot change _id');
      store({ ...repo, ...patch, id: repo.id });
      if (patch.id !== undefined) rename(_id, patch.id);
    },
    rename,
    remove(_id) {
      const repo = get(_id);
      byId.delete(_id);
      byName.delete(repo.id.toLowerCase());
      for (const [name, target] of oldNames) if (target === _id) oldNames.delete(name);
    },
    all: () => [...byId.values()],
    find(name) {
      const key = name.toLowerCase();
      const current = byName.get(key);
      if (current !== undefined) return { repo: get(current), moved: false };
      const moved = oldNames.get(key);
      return moved === undefined ? undefined : { repo: get(moved), moved: true };
    },
  };
}
