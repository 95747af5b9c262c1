import { canSee, type Viewer } from './access.js';
import { type Answer, hubError, jsonAnswer } from './answer.js';
import { INFO_DEFAULT_FIELDS, invalidExpand, project } from './fields.js';
import type { RepoStore } from './store.js';

const PREFIX = '/api/models/';

export interface ModelTarget {
  name: string;
  /** As written in the path, undecoded, for redirects. */
  rawRevision?: string;
  revision?: string;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** `/api/models/{org}/{name}` or `.../revision/{rev}`; undefined for any other shape. */
export function parseModelPath(path: string): ModelTarget | undefined {
  if (!path.startsWith(PREFIX)) return undefined;
  const [rawOrg, rawRepo, keyword, ...rev] = path.slice(PREFIX.length).split('/');
  const org = rawOrg ? decode(rawOrg) : undefined;
  const repo = rawRepo ? decode(rawRepo) : undefined;
  if (org === undefined || repo === undefined) return undefined;
  const name = `${org}/${repo}`;
  if (keyword === undefined) return { name };
  if (keyword !== 'revision' || rev.length === 0 || rev.some((s) => s === '')) return undefined;
  const rawRevision = rev.join('/');
  const revision = decode(rawRevision);
  return revision === undefined ? undefined : { name, rawRevision, revision };
}

export interface ModelInfoOptions {
  /** What a missing or invisible repo answers to a caller without a token. */
  anonymousNotFoundStatus: 401 | 404;
}

/** `GET /api/models/{org}/{name}[/revision/{rev}]` */
export function modelInfoAnswer(
  store: RepoStore,
  target: ModelTarget,
  query: URLSearchParams,
  viewer: Viewer,
  options: ModelInfoOptions,
): Answer {
  const found = store.find(target.name);
  if (!found || !canSee(viewer, found.repo)) {
    const status = viewer.kind === 'anonymous' ? options.anonymousNotFoundStatus : 404;
    return hubError(status, 'Repository not found', 'RepoNotFound');
  }
  const { repo } = found;
  if (found.moved) {
    // Renamed repos keep answering at their old name through a redirect.
    const tail = target.rawRevision === undefined ? '' : `/revision/${target.rawRevision}`;
    const search = query.size > 0 ? `?${query}` : '';
    const location = `${PREFIX}${repo.id}${tail}${search}`;
    return { status: 307, text: `Temporary Redirect. Redirecting to ${location}`, headers: { Location: location } };
  }
  if (repo.disabled) return hubError(403, 'Access to this resource is disabled.');
  const revision = target.revision;
  if (revision !== undefined && revision !== 'HEAD' && revision !== 'main' && revision !== repo.sha) {
    return hubError(404, `Invalid rev id: ${revision}`, 'RevisionNotFound');
  }
  const expand = query.getAll('expand');
  const badExpand = invalidExpand(expand);
  if (badExpand !== undefined) return hubError(400, `"expand" contains an invalid value: ${badExpand}`);
  return jsonAnswer(200, project(repo, expand.length > 0 ? expand : INFO_DEFAULT_FIELDS));
}
