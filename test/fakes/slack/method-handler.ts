import type { ApiArgs, ApiResult } from './types.js';
import type { Workspace } from './workspace.js';

/** One Web API method: reads the parsed arguments, may change the workspace, returns the JSON body. */
export type MethodHandler = (ws: Workspace, args: ApiArgs) => ApiResult;

export function fail(error: string, extra: Record<string, unknown> = {}): ApiResult {
  return { ok: false, error, ...extra };
}
