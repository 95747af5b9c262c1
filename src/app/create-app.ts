import type { Logger } from 'pino';
import type { DatabaseHandle } from '../../db/database.js';
import type { Config } from '../config/env.js';
import type { AlertAdapter } from '../platforms/platform.js';
import { randomUUID } from 'node:crypto';
import { countedFetch } from './counted-fetch.js';
import { dispatchDue, type DispatchDeps, type DispatchResult } from '../delivery/dispatcher.js';
import { createConsoleAdapter } from '../platforms/console/console-adapter.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { releasesCreated, tickDuration } from '../shared/metrics.js';
import { createHubSource } from '../sources/hf-hub/client.js';
import { createHubFetch } from '../sources/hf-hub/hub-fetch.js';
import { createHubBudget, type HubBudget } from '../sources/hf-hub/rate-budget.js';
import { createWindowPacer, pacedFetch, type RequestPacer } from '../worker/history/request-pacer.js';
import { runBackfill, type BackfillProgress, type BackfillSummary } from '../worker/history/run-backfill.js';
import { refreshMetrics } from '../worker/refresh-metrics.js';
import { runTick, type TickResult } from '../worker/tick.js';

/** Repos read per org per steady-state tick; more only when all of them are new. */
export const STEADY_PAGE_SIZE = 10;

/** A backfill's share of the Hub's anonymous budget (500 per 5 minutes): the rest is the ticks'. */
export const BACKFILL_BUDGET = { limit: 200, windowMs: 5 * 60_000 };

export interface BackfillOptions {
  since?: Date | undefined;
  orgs?: readonly string[] | undefined;
  onProgress?(progress: BackfillProgress): void;
}

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  clock?: Clock;
  fetch?: typeof fetch;
  out?: NodeJS.WritableStream;
  /** Per Hub request; the default suits the real Hub. */
  hubTimeoutMs?: number;
  /** Adapters beyond the console's (Discord, Slack); read at every dispatch, so a late platform joins in. */
  adapters?: readonly AlertAdapter[];
  /** Aborted when the service stops: Hub requests, waits and sends under way end at once. */
  signal?: AbortSignal | undefined;
  /** Paces a backfill's Hub requests; the default keeps to BACKFILL_BUDGET. */
  backfillPacer?: RequestPacer;
  /** How long a new release's extra Hub requests (config.json, model card) may take; about 3 s by default. */
  factsDeadlineMs?: number;
  /** Overrides of the dispatcher's lease, deadline and concurrency (tests). */
  delivery?: Pick<DispatchDeps, 'leaseMs' | 'sendDeadlineMs' | 'concurrency' | 'roundBudgetMs' | 'stopGraceMs'>;
}

export interface App {
  tick(full: boolean): Promise<TickResult>;
  /** A tick over these orgs only (lower-cased), outside the schedule: what a Hub webhook asks for. */
  pollOrgs(orgs: ReadonlySet<string>): Promise<TickResult>;
  /** The one rate budget every Hub request of this app waits for; `left()` is what it may still send now. */
  hubBudget: HubBudget;
  dispatch(): Promise<DispatchResult>;
  refreshMetrics(): Promise<unknown>;
  /** Derives the history of the tracked orgs, paced within its share of the Hub's budget. */
  backfill(options?: BackfillOptions): Promise<BackfillSummary>;
}

/** Wires the Hub source, the worker and the dispatcher to one database. */
export function createApp(deps: AppDeps): App {
  const clock = deps.clock ?? systemClock;
  const now = () => clock.now();
  const hubBudget = createHubBudget({ clock });
  const hubFetch = createHubFetch({
    clock,
    budget: hubBudget,
    logger: deps.logger,
    fetch: countedFetch(deps.fetch ?? globalThis.fetch),
    ...(deps.hubTimeoutMs ? { timeoutMs: deps.hubTimeoutMs } : {}),
    signal: deps.signal,
  });
  const hub = createHubSource({
    hubUrl: deps.config.HF_ENDPOINT,
    accessToken: deps.config.HF_TOKEN,
    fetch: hubFetch,
    logger: deps.logger,
  });
  const consoleAdapter = createConsoleAdapter({
    hubUrl: deps.config.HF_ENDPOINT,
    ...(deps.out ? { out: deps.out } : {}),
  });
  const db = deps.database.db;
  // One lease owner per app: its dispatches may renew and record only what they claimed themselves.
  const owner = randomUUID();
  const { signal } = deps;
  const pollDeps = {
    db,
    hub,
    logger: deps.logger,
    now,
    pageSize: STEADY_PAGE_SIZE,
    concurrency: deps.config.POLL_CONCURRENCY,
    signal,
    factsDeadlineMs: deps.factsDeadlineMs,
  };
  async function measured(kind: string, run: () => Promise<TickResult>): Promise<TickResult> {
    const done = tickDuration.startTimer({ kind });
    const result = await run();
    done();
    releasesCreated.inc(result.releaseIds.length);
    return result;
  }
  return {
    tick: (full) => measured(full ? 'full' : 'steady', () => runTick(pollDeps, { full })),
    pollOrgs: (orgs) => measured('webhook', () => runTick(pollDeps, { orgs })),
    hubBudget,
    dispatch: () =>
      dispatchDue({
        db,
        adapters: [consoleAdapter, ...(deps.adapters ?? [])],
        logger: deps.logger,
        now,
        owner,
        signal,
        leaseMs: deps.config.DELIVERY_LEASE_SECONDS * 1000,
        hubUrl: deps.config.HF_ENDPOINT,
        ...deps.delivery,
      }),
    refreshMetrics: () =>
      refreshMetrics({
        db,
        hub,
        logger: deps.logger,
        now,
        retentionDays: deps.config.METRICS_RETENTION_DAYS,
        signal,
      }),
    backfill(options = {}) {
      const pacer = deps.backfillPacer ?? createWindowPacer({ ...BACKFILL_BUDGET, clock });
      const paced = pacedFetch(hubFetch, pacer, signal);
      const pacedHub = createHubSource({
        hubUrl: deps.config.HF_ENDPOINT,
        accessToken: deps.config.HF_TOKEN,
        fetch: paced.fetch,
        logger: deps.logger,
      });
      return runBackfill(
        { db, hub: pacedHub, logger: deps.logger, now, pageSize: STEADY_PAGE_SIZE, signal, requests: paced.requests },
        options,
      );
    },
  };
}
