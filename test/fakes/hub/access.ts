import { orgOf } from './fields.js';
import type { FakeRepo } from './types.js';

/** Who is asking: nobody, a known token (with the orgs it sees privately), or a bad token. */
export type Viewer = { kind: 'anonymous' } | { kind: 'token'; orgs: ReadonlySet<string> } | { kind: 'invalid' };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function resolveViewer(authorization: string | undefined, tokens: Record<string, string[]>): Viewer {
  if (authorization === undefined) return { kind: 'anonymous' };
  const token = BEARER.exec(authorization)?.[1];
  const orgs = token === undefined ? undefined : tokens[token];
  if (!orgs) return { kind: 'invalid' };
  return { kind: 'token', orgs: new Set(orgs.map((o) => o.toLowerCase())) };
}

/** Private repos exist only for tokens of their org; to everyone else they are not there at all. */
export function canSee(viewer: Viewer, repo: FakeRepo): boolean {
  if (!repo.private) return true;
  return viewer.kind === 'token' && viewer.orgs.has(orgOf(repo.id).toLowerCase());
}
