import type { HubModel } from '../../sources/hf-hub/client.js';
import { HubUnavailableError } from '../../sources/hf-hub/errors.js';
import { pollOrg, type OrgToPoll, type PollDeps } from '../poll-org.js';
import type { HistoryCount } from './derive-history.js';
import { recordHistory } from './record-history.js';

export interface OrgBackfill extends HistoryCount {
  org: string;
  /** Repos the listing showed. */
  listed: number;
  /** The org had no baseline yet: this stored it, silently. */
  baseline: boolean;
}

/** The org's repos newest first, down to `since`: the listing is sorted, so older pages are never asked for. */
async function listSince(deps: PollDeps, org: string, since: Date | undefined): Promise<HubModel[]> {
  const items: HubModel[] = [];
  for await (const item of deps.hub.all(org, { history: true })) {
    if (since && (item.createdAt === undefined || item.createdAt < since)) break;
    items.push(item);
  }
  return items;
}

/**
 * Derives an org's history from one listing of it (a page per 500 repos, never a request per repo) and
 * records it in one transaction, so an interrupted run loses at most this org's work. An org without a
 * baseline gets its baseline, which derives the history itself.
 */
export async function backfillOrg(
  deps: PollDeps,
  target: OrgToPoll,
  options: { since?: Date | undefined } = {},
): Promise<OrgBackfill> {
  if (!target.baselineDone) {
    const polled = await pollOrg(deps, target, false);
    const history = polled.history ?? { releases: 0, undated: 0, models: 0 };
    return { org: target.org, listed: polled.listed, baseline: true, ...history };
  }
  const items = await listSince(deps, target.org, options.since);
  const history = await deps.db.transaction((tx) =>
    recordHistory(tx, { ...target, items, since: options.since, now: deps.now() }),
  );
  return { org: target.org, listed: items.length, baseline: false, ...history };
}

/**
 * For an org whose baseline predates history (an install from before it): derives its history once,
 * silently. A failure is a warning: the next tick tries again.
 */
export async function catchUpHistory(deps: PollDeps, target: OrgToPoll): Promise<void> {
  if (!target.baselineDone || target.historyDone) return;
  try {
    const done = await backfillOrg(deps, target);
    deps.logger.info({ org: target.org, releases: done.releases, undated: done.undated }, 'org history derived');
  } catch (error) {
    if (deps.signal?.aborted) return;
    if (error instanceof HubUnavailableError)
      deps.logger.warn({ org: target.org, reason: error.reason }, 'org history not derived; tried again next tick');
    else deps.logger.error({ org: target.org, err: error }, 'org history crashed');
  }
}
