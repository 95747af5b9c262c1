import { HubUnavailableError } from '../../sources/hf-hub/errors.js';
import type { PollDeps } from '../poll-org.js';
import { trackedOrgs } from '../tracked-orgs.js';
import { backfillOrg, type OrgBackfill } from './backfill-org.js';

export interface BackfillProgress {
  /** 1-based position of the org among those to do. */
  index: number;
  total: number;
  org: string;
  /** The org's outcome, once it is done or has failed. */
  done?: OrgBackfill | undefined;
  error?: string | undefined;
  /** Requests so far, and repos listed so far, over the whole run. */
  requests: number;
  repos: number;
}

export interface BackfillSummary {
  orgs: number;
  listed: number;
  /** Historical releases added, of them undated, and repos that joined one. */
  releases: number;
  undated: number;
  models: number;
  /** Orgs that had no baseline and got one. */
  baselines: number;
  failed: { org: string; error: string }[];
  requests: number;
  /** Stopped before the last org: a later run finishes what is missing. */
  interrupted: boolean;
}

/**
 * Derives the history of every tracked org (or of `orgs` among them), one org at a time, each in its own
 * transaction: a run can stop anywhere and the next one adds only what is missing. One org's failure is
 * reported and the others go on.
 */
export async function runBackfill(
  deps: PollDeps & { requests(): number },
  options: {
    since?: Date | undefined;
    orgs?: readonly string[] | undefined;
    onProgress?(progress: BackfillProgress): void;
  } = {},
): Promise<BackfillSummary> {
  const wanted = options.orgs?.map((o) => o.toLowerCase());
  const targets = (await trackedOrgs(deps.db)).filter((t) => !wanted || wanted.includes(t.org.toLowerCase()));
  const summary: BackfillSummary = {
    orgs: targets.length,
    listed: 0,
    releases: 0,
    undated: 0,
    models: 0,
    baselines: 0,
    failed: [],
    requests: 0,
    interrupted: false,
  };
  const report = (index: number, org: string, extra: Partial<BackfillProgress> = {}) =>
    options.onProgress?.({
      index,
      total: targets.length,
      org,
      requests: deps.requests(),
      repos: summary.listed,
      ...extra,
    });
  for (const [i, target] of targets.entries()) {
    if (deps.signal?.aborted) {
      summary.interrupted = true;
      break;
    }
    report(i + 1, target.org);
    try {
      const done = await backfillOrg(deps, target, { since: options.since });
      summary.listed += done.listed;
      summary.releases += done.releases;
      summary.undated += done.undated;
      summary.models += done.models;
      if (done.baseline) summary.baselines++;
      report(i + 1, target.org, { done });
    } catch (error) {
      if (deps.signal?.aborted) {
        summary.interrupted = true;
        break;
      }
      const message = error instanceof Error ? error.message : String(error);
      summary.failed.push({ org: target.org, error: message });
      if (!(error instanceof HubUnavailableError))
        deps.logger.error({ org: target.org, err: error }, 'backfill crashed');
      report(i + 1, target.org, { error: message });
    }
  }
  summary.requests = deps.requests();
  return summary;
}
