import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { refreshOutboxStatistics, STATISTICS_AFTER_ROWS } from '../delivery/outbox-statistics.js';
import type { HubModelDetails, HubSource } from '../sources/hf-hub/client.js';
import { confirmAbsent } from './confirm-absent.js';
import { fetchFacts } from './fetch-facts.js';
import { recordHistory } from './history/record-history.js';
import { listOrg, type PollMode } from './list-org.js';
import { diffListing, recordPoll, type PollRecord } from './record-poll.js';

export interface OrgToPoll {
  org: string;
  labId: number;
  /** Every org of the lab, lower-cased: what counts as the lab's own model. */
  labOrgs: ReadonlySet<string>;
  baselineDone: boolean;
  /** The org's repos from before its baseline are historical releases already. */
  historyDone: boolean;
}

export interface PollDeps {
  db: Database;
  hub: HubSource;
  logger: Logger;
  now: () => Date;
  pageSize: number;
  /** The service is stopping: no org is started after it fires. */
  signal?: AbortSignal | undefined;
  /** How long a new release's extra requests (config.json, model card) may take, all together. */
  factsDeadlineMs?: number | undefined;
}

export interface OrgPollResult extends PollRecord {
  org: string;
  mode: PollMode;
  listed: number;
}

/**
 * Polls one org: lists it, diffs against what is stored, fetches details for repos seen public for
 * the first time (and, within a short deadline, the facts of the originals among them) and, on a full
 * listing, for released models it left out (to tell a withdrawal from a move), then writes
 * everything in one transaction. Throws on any Hub fault before writing,
 * so a failed poll changes nothing. A baseline then turns what it stored into historical releases, in a
 * transaction of its own (smaller ones keep the embedded database lean); should that one not happen,
 * the next tick derives the history.
 */
export async function pollOrg(deps: PollDeps, target: OrgToPoll, full: boolean): Promise<OrgPollResult> {
  const mode: PollMode = !target.baselineDone ? 'baseline' : full ? 'full' : 'steady';
  const listing = await listOrg(deps.db, deps.hub, target.org, mode, deps.pageSize);
  const { updated, silent, candidates } = diffListing(listing.items, listing.stored, mode);
  const absent = mode === 'full' ? await confirmAbsent(deps, target, listing.items) : undefined;
  if (absent) updated.push(...absent.moved);

  const fresh: HubModelDetails[] = [];
  for (const candidate of candidates) {
    const details = await deps.hub.details(candidate.repo);
    if (details === undefined) {
      deps.logger.warn({ org: target.org, repo: candidate.repo }, 'new repo vanished before its details were read');
      continue;
    }
    fresh.push(details);
  }
  const facts =
    fresh.length > 0
      ? await fetchFacts({ ...deps, deadlineMs: deps.factsDeadlineMs }, fresh, target.labOrgs)
      : new Map();

  const record = await recordPoll(deps.db, {
    org: target.org,
    labId: target.labId,
    labOrgs: target.labOrgs,
    mode,
    changes: { updated, silent, fresh: fresh.map((m) => ({ ...m, facts: facts.get(m.id) })) },
    listed: [...listing.items.map((m) => m.id), ...(absent?.present ?? [])],
    now: deps.now(),
  });
  if (record.withdrawalsHeld > 0)
    deps.logger.warn(
      { org: target.org, absent: record.withdrawalsHeld },
      'full listing left out most public models; none taken as withdrawn',
    );
  const history =
    mode === 'baseline'
      ? await deps.db.transaction((tx) => recordHistory(tx, { ...target, items: listing.items, now: deps.now() }))
      : undefined;
  if (record.deliveries >= STATISTICS_AFTER_ROWS) {
    await refreshOutboxStatistics(deps.db).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'could not refresh the outbox statistics'),
    );
  }
  return { ...record, history, org: target.org, mode, listed: listing.items.length };
}
