import type { Database } from '../../db/database.js';
import { HubUnavailableError } from '../sources/hf-hub/errors.js';
import { catchUpHistory } from './history/backfill-org.js';
import { pollOrg, type OrgPollResult, type PollDeps } from './poll-org.js';
import { recordOrgError, trackedOrgs } from './tracked-orgs.js';

export interface TickResult {
  polled: OrgPollResult[];
  failed: { org: string; error: string }[];
  releaseIds: number[];
}

/**
 * One tick: every tracked org in turn, each isolated, so one org's failure never stops the others.
 * A Hub fault is a warning (the org is tried again next tick); anything else is logged as a bug.
 */
export async function runTick(
  deps: PollDeps & { db: Database },
  options: { full?: boolean } = {},
): Promise<TickResult> {
  const result: TickResult = { polled: [], failed: [], releaseIds: [] };
  for (const target of await trackedOrgs(deps.db)) {
    if (deps.signal?.aborted) break;
    try {
      const polled = await pollOrg(deps, target, options.full ?? false);
      result.polled.push(polled);
      result.releaseIds.push(...polled.releaseIds);
      if (polled.mode === 'baseline')
        deps.logger.info(
          { org: target.org, stored: polled.stored, historical: polled.history?.releases },
          'org baseline stored silently',
        );
      // An org whose baseline came before history gets it once, after its poll.
      else await catchUpHistory(deps, target);
    } catch (error) {
      // Stopping, not failing: the org is polled again at the next start.
      if (deps.signal?.aborted) break;
      const message = error instanceof Error ? error.message : String(error);
      result.failed.push({ org: target.org, error: message });
      if (error instanceof HubUnavailableError) {
        deps.logger.warn(
          { org: target.org, reason: error.reason, status: error.details.status },
          'hub poll failed; org skipped this tick',
        );
      } else {
        deps.logger.error({ org: target.org, err: error }, 'org poll crashed');
      }
      await recordOrgError(deps.db, target.org, message).catch(() => undefined);
    }
  }
  deps.logger.info(
    {
      orgs: result.polled.length,
      failed: result.failed.length,
      releases: result.releaseIds.length,
      full: options.full ?? false,
    },
    'tick done',
  );
  return result;
}
