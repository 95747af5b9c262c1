import { canSee, type Viewer } from './access.js';
import { type Answer, hubError } from './answer.js';
import type { RepoStore } from './store.js';

const RESOLVE = /^\/([^/]+)\/([^/]+)\/resolve\/([^/]+)\/(.+)$/;

/** `/{org}/{name}/resolve/{revision}/{path}`, decoded; undefined for any other shape. */
export function parseResolvePath(path: string): { name: string; revision: string; file: string } | undefined {
  const match = RESOLVE.exec(path);
  if (!match) return undefined;
  try {
    const [org, repo, revision, file] = match.slice(1).map((s) => decodeURIComponent(s!));
    return { name: `${org}/${repo}`, revision: revision!, file: file! };
  } catch {
    return undefined;
  }
}

/**
 * `GET /{org}/{name}/resolve/main/{file}`: a file the repo record holds in `files`, as text. A missing
 * or hidden repo answers like model info; a missing file 404 `EntryNotFound`, like the Hub.
 */
export function resolveAnswer(
  store: RepoStore,
  target: { name: string; revision: string; file: string },
  viewer: Viewer,
  options: { anonymousNotFoundStatus: 401 | 404 },
): Answer {
  const found = store.find(target.name);
  if (!found || !canSee(viewer, found.repo) || found.repo.disabled) {
    const status = viewer.kind === 'anonymous' ? options.anonymousNotFoundStatus : 404;
    return hubError(status, 'Repository not found', 'RepoNotFound');
  }
  const { repo } = found;
  if (target.revision !== 'main' && target.revision !== repo.sha)
    return hubError(404, `Invalid rev id: ${target.revision}`, 'RevisionNotFound');
  const text = repo.files?.[target.file];
  if (text === undefined) return hubError(404, 'Entry not found', 'EntryNotFound');
  return { status: 200, text };
}
