import type { Database } from '../../db/database.js';
import { runLimited } from '../shared/run-limited.js';
import { HubUnavailableError } from '../sources/hf-hub/errors.js';
import { catchUpHistory } from './history/backfill-org.js';
import { pollOrg, type OrgPollResult, type OrgToPoll, type PollDeps } from './poll-org.js';
import { recordOrgError, trackedOrgs } from './tracked-orgs.js';

export interface TickResult {
  polled: OrgPollResult[];
  failed: { org: string; error: string }[];
  releaseIds: number[];
}

/** Labs polled at once when the caller does not say. */
export const DEFAULT_POLL_CONCURRENCY = 12;

/**
 * A lab's orgs together, in their order: a lab's later org sees what its earlier one wrote in this tick.
 * Labs with the most orgs go first, so the longest polls do not start last.
 */
function byLab(targets: readonly OrgToPoll[]): OrgToPoll[][] {
  const labs = new Map<number, OrgToPoll[]>();
  for (const target of targets) labs.set(target.labId, [...(labs.get(target.labId) ?? []), target]);
  return [...labs.values()].sort((a, b) => b.length - a.length);
}

/**
 * One tick: every tracked org, each isolated, so one org's failure never stops the others. Labs are
 * polled `concurrency` at a time (every Hub request waits for the shared rate budget), a lab's orgs one
 * after another. A Hub fault is a warning (the org is tried again next tick); anything else is logged
 * as a bug. Results come in the orgs' order, however the polls interleaved.
 */
export async function runTick(
  deps: PollDeps & { db: Database; concurrency?: number | undefined },
  // `orgs`: only these (lower-cased), e.g. the ones a Hub webhook named.
  options: { full?: boolean; orgs?: ReadonlySet<string> } = {},
): Promise<TickResult> {
  const { orgs } = options;
  const targets = (await trackedOrgs(deps.db)).filter((t) => !orgs || orgs.has(t.org.toLowerCase()));
  const outcomes = new Map<string, { polled: OrgPollResult } | { failed: string }>();

  async function poll(target: OrgToPoll): Promise<void> {
    try {
      const polled = await pollOrg(deps, target, options.full ?? false);
      outcomes.set(target.org, { polled });
      if (polled.mode === 'baseline')
        deps.logger.info(
          { org: target.org, stored: polled.stored, historical: polled.history?.releases },
          'org baseline stored silently',
        );
      // An org whose baseline came before history gets it once, after its poll.
      else await catchUpHistory(deps, target);
    } catch (error) {
      // Stopping, not failing: the org is polled again at the next start.
      if (deps.signal?.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      outcomes.set(target.org, { failed: message });
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

  await runLimited(byLab(targets), deps.concurrency ?? DEFAULT_POLL_CONCURRENCY, async (lab) => {
    for (const target of lab) {
      if (deps.signal?.aborted) return;
      await poll(target);
    }
  });

  const result: TickResult = { polled: [], failed: [], releaseIds: [] };
  for (const { org } of targets) {
    const outcome = outcomes.get(org);
    if (outcome === undefined) continue;
    if ('failed' in outcome) {
      result.failed.push({ org, error: outcome.failed });
      continue;
    }
    result.polled.push(outcome.polled);
    result.releaseIds.push(...outcome.polled.releaseIds);
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
