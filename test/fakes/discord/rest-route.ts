import type { RequestContext } from './http-io.js';
import type { FakeState } from './state.js';

export interface RouteParams {
  [name: string]: string;
}

export interface Route {
  method: string;
  /** Below /api/v10, with `:name` placeholders: `/channels/:channel/messages`. */
  pattern: string;
  /** Whether the route needs `Authorization: Bot <token>` (interaction and webhook-token routes do not). */
  auth: boolean;
  handle(ctx: RequestContext, params: RouteParams, state: FakeState): void;
}

/** The placeholders of `route` filled from `segments`, or null when it does not match. */
export function matchRoute(route: Route, method: string, segments: string[]): RouteParams | null {
  if (route.method !== method) return null;
  const parts = route.pattern.split('/').filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: RouteParams = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}
