import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { loadReleaseViews } from '../storage/release-views.js';
import { loadChangeViews } from '../storage/change-views.js';
import { openModelsReport } from '../storage/open-models-report.js';
import { changeNotice, reportNotice, type Notice } from '../platforms/notices.js';
import type { ReleaseView } from '../platforms/release-view.js';
import { DeliveryError, type AlertAdapter } from '../platforms/platform.js';
import { backoffMs } from './backoff.js';
import { claimDeliveries, releaseClaims, type ClaimedDelivery } from './claim-deliveries.js';
import { recordFailed, recordPaused, recordRetry } from './record-outcome.js';
import { createRoundLease, type RoundLease } from './round-lease.js';
import { withDeadline } from './send-deadline.js';
import { createSentRecorder, type SentRecorder } from './sent-recorder.js';
import { scheduleReports } from './schedule-reports.js';

export interface DispatchDeps {
  db: Database;
  adapters: readonly AlertAdapter[];
  logger: Logger;
  now: () => Date;
  /** Who holds the leases this dispatcher takes; one per process. */
  owner?: string;
  /** How long a claimed delivery stays invisible to other dispatchers; renewed when a send might outlast it. */
  leaseMs?: number;
  /** A send is given up after this long; kept well under the lease so no send outlives its lease. */
  sendDeadlineMs?: number;
  /** Channels sent to at once; sends to one channel go one after another, in order. */
  concurrency?: number;
  /** No send of a claimed batch starts after it has run this long; the rest go back to the queue. */
  roundBudgetMs?: number;
  batchSize?: number;
  /** After this many failed attempts a delivery is given up and left as failed. */
  maxAttempts?: number;
  /** The service is stopping: no send starts, sends under way get `stopGraceMs`, claimed ones go back. */
  signal?: AbortSignal | undefined;
  stopGraceMs?: number;
  /** Where notices link models to; the public Hub by default. */
  hubUrl?: string | undefined;
}

export interface DispatchResult {
  sent: number;
  retried: number;
  paused: number;
  failed: number;
  /** Claimed but not sent: the service stopped, the batch ran out of time, or an earlier send to the channel failed. */
  released: number;
}

type Outcome = keyof DispatchResult | 'lost';

interface SendResult {
  outcome: Outcome;
  /** When a retried send comes due again. */
  retryAt?: Date;
}

/**
 * One message to send: a single alert, a digest of several deliveries of one subscription, or a notice
 * (a change of a released model, a weekly report) of one delivery, as a neutral reply.
 */
interface Send {
  deliveries: ClaimedDelivery[];
  releases: ReleaseView[];
  /** Set for a notice; null when what it is about no longer exists. */
  notice?: Notice | null;
}

/** What a claimed batch is about, loaded once for all its sends. */
interface Subjects {
  releases: Map<number, ReleaseView>;
  notices: Map<number, Notice>;
}

const REPORT_DAYS = 7;

const DEFAULTS = { leaseMs: 120_000, sendDeadlineMs: 30_000, concurrency: 16, roundBudgetMs: 60_000, batchSize: 200 };

/** Batches claimed in one dispatch at most, so a delivery that keeps coming due at once cannot hold it. */
const MAX_BATCHES = 20;

/** What the sends of one claimed batch share: its lease, its time budget and the recorder of what went out. */
interface Round {
  lease: RoundLease;
  sent: SentRecorder;
  /** No send of the batch starts after this (`performance.now()`). */
  endsAt: number;
}

/** One channel's sends of one batch, in order. */
interface Job {
  queue: Send[];
  round: Round;
}

/** Loads the releases, changes and reports a batch is about; a report is built now, at send time. */
async function loadSubjects(deps: DispatchDeps, batch: readonly ClaimedDelivery[]): Promise<Subjects> {
  const hubUrl = deps.hubUrl ?? 'https://huggingface.co';
  const ids = (key: 'releaseId' | 'changeId') => [...new Set(batch.flatMap((d) => (d[key] === null ? [] : [d[key]])))];
  const releases = new Map((await loadReleaseViews(deps.db, ids('releaseId'))).map((v) => [v.id, v]));
  const changes = new Map((await loadChangeViews(deps.db, ids('changeId'))).map((c) => [c.id, c]));
  const notices = new Map<number, Notice>();
  // Many channels of one workspace with the same filters read the same report: it is built once.
  const reports = new Map<string, Notice>();
  for (const delivery of batch) {
    const change = delivery.changeId === null ? undefined : changes.get(delivery.changeId);
    if (change) notices.set(delivery.id, changeNotice(change, hubUrl));
    if (delivery.reportWeek === null) continue;
    const scope = { workspaceId: delivery.workspaceId, labIds: delivery.labIds, countries: delivery.countries };
    const key = JSON.stringify(scope);
    let report = reports.get(key);
    if (report === undefined) {
      report = reportNotice(await openModelsReport(deps.db, { ...scope, now: deps.now(), days: REPORT_DAYS }), hubUrl);
      reports.set(key, report);
    }
    notices.set(delivery.id, report);
  }
  return { releases, notices };
}

function plan(batch: readonly ClaimedDelivery[], subjects: Subjects, adapters: Map<string, AlertAdapter>): Send[] {
  const sends: Send[] = [];
  const digests = new Map<number, Send>();
  for (const delivery of batch) {
    if (delivery.releaseId === null) {
      sends.push({ deliveries: [delivery], releases: [], notice: subjects.notices.get(delivery.id) ?? null });
      continue;
    }
    const view = subjects.releases.get(delivery.releaseId);
    const releases = view ? [view] : [];
    if (delivery.mode === 'instant' || !adapters.get(delivery.platform)?.postDigest) {
      sends.push({ deliveries: [delivery], releases });
      continue;
    }
    let digest = digests.get(delivery.subscriptionId);
    if (digest === undefined) {
      digest = { deliveries: [], releases: [] };
      digests.set(delivery.subscriptionId, digest);
      sends.push(digest);
    }
    digest.deliveries.push(delivery);
    digest.releases.push(...releases);
  }
  return sends;
}

/** Sends grouped by channel, each group in the order its deliveries were made (a retried one keeps its place). */
function byDestination(sends: readonly Send[]): Send[][] {
  const queues = new Map<string, Send[]>();
  for (const send of sends) {
    const key = send.deliveries[0]!.destination;
    queues.set(key, [...(queues.get(key) ?? []), send]);
  }
  return [...queues.values()].map((queue) => queue.sort((a, b) => a.deliveries[0]!.id - b.deliveries[0]!.id));
}

const idsOf = (send: Send) => send.deliveries.map((d) => d.id);

/**
 * Sends due deliveries: claims a batch under a lease, commits, then sends outside any transaction,
 * several channels at once and each channel in order; records each outcome. A retryable failure comes
 * back later with backoff (a rate limit after the wait the platform gave, without counting an attempt);
 * a channel that is gone pauses its subscription. A send starts only while its lease outlasts its
 * deadline (a batch's leases are renewed together when they run low), so no delivery is ever sent by
 * two dispatchers. Sends are recorded by group commit, so a fan-out to many channels costs a few
 * statements rather than one per send, and the next batch is claimed while the last one's final sends
 * are under way. Deliveries of a digest subscription that come due together go out as one message.
 */
export async function dispatchDue(deps: DispatchDeps): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, retried: 0, paused: 0, failed: 0, released: 0 };
  const merged = { ...DEFAULTS, ...definedOnly(deps) };
  // A send must end well before its lease does, or another dispatcher could take it over mid-send.
  const settings = {
    ...merged,
    sendDeadlineMs: Math.min(merged.sendDeadlineMs, merged.leaseMs / 2),
    owner: deps.owner ?? randomUUID(),
  };
  const adapters = new Map(deps.adapters.map((a) => [a.platform, a]));
  const sent = createSentRecorder(deps.db, settings.owner, deps.now);
  // Each round first makes the weekly reports that came due: idempotent, whichever replica gets there.
  await scheduleReports(deps.db, deps.now()).catch((error: unknown) =>
    deps.logger.error({ err: error }, 'scheduling weekly reports crashed'),
  );
  const pool: Job[] = [];
  let batches = 0;
  let claiming: Promise<void> | undefined;
  let noMore = false;
  let finished = 0;
  let finishedBeforeEmptyClaim = 0;

  async function claimBatch(): Promise<void> {
    if (batches >= MAX_BATCHES || deps.signal?.aborted) {
      noMore = true;
      return;
    }
    batches++;
    const finishedBefore = finished;
    const claimedAt = deps.now();
    const batch = await claimDeliveries(deps.db, {
      platforms: [...adapters.keys()],
      now: claimedAt,
      leaseMs: settings.leaseMs,
      limit: settings.batchSize,
      owner: settings.owner,
    });
    if (batch.length === 0) {
      noMore = true;
      finishedBeforeEmptyClaim = finishedBefore;
      return;
    }
    const subjects = await loadSubjects(deps, batch);
    const lease = createRoundLease({
      db: deps.db,
      owner: settings.owner,
      ids: batch.map((d) => d.id),
      claimedAt,
      leaseMs: settings.leaseMs,
      // A send starts only while the lease outlasts its deadline by a quarter of the lease.
      minLeftMs: settings.sendDeadlineMs + settings.leaseMs / 4,
      now: deps.now,
    });
    const round: Round = { lease, sent, endsAt: performance.now() + settings.roundBudgetMs };
    for (const queue of byDestination(plan(batch, subjects, adapters))) pool.push({ queue, round });
  }

  // The next batch is claimed as soon as every channel of the last one has started, while its last
  // sends are still under way: the claim skips what is leased, and a subscription's later delivery
  // waits for its earlier one, so two channels' queues never hold the same subscription.
  async function nextJob(): Promise<Job | undefined> {
    for (;;) {
      const job = pool.shift();
      if (job !== undefined || noMore) return job;
      claiming ??= claimBatch().finally(() => (claiming = undefined));
      await claiming;
    }
  }

  async function sendQueue({ queue, round }: Job): Promise<void> {
    for (const [index, send] of queue.entries()) {
      const { outcome, retryAt } =
        performance.now() > round.endsAt
          ? await giveBack(deps, settings, send)
          : await sendOne(deps, settings, adapters, round, send);
      round.lease.done(idsOf(send));
      if (outcome !== 'lost') result[outcome] += send.deliveries.length;
      if (outcome === 'sent' || outcome === 'failed') continue;
      // Keep the channel's order: what comes after a send that did not go out waits for it.
      const ids = queue.slice(index + 1).flatMap(idsOf);
      round.lease.done(ids);
      await releaseClaims(deps.db, ids, settings.owner, retryAt);
      result.released += ids.length;
      return;
    }
  }

  async function worker(): Promise<void> {
    for (let job = await nextJob(); job !== undefined; job = await nextJob()) {
      await sendQueue(job);
      finished++;
    }
  }

  // A channel that finished after the claim that found nothing may have let a later delivery come due.
  do {
    noMore = false;
    await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, worker));
  } while (finished > finishedBeforeEmptyClaim && batches < MAX_BATCHES && !deps.signal?.aborted);
  return result;
}

function definedOnly(deps: DispatchDeps): Partial<typeof DEFAULTS> {
  const keys = Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[];
  return Object.fromEntries(keys.flatMap((k) => (deps[k] === undefined ? [] : [[k, deps[k]]])));
}

async function giveBack(deps: DispatchDeps, settings: { owner: string }, send: Send): Promise<SendResult> {
  await releaseClaims(deps.db, idsOf(send), settings.owner);
  return { outcome: 'released' };
}

async function sendOne(
  deps: DispatchDeps,
  settings: typeof DEFAULTS & { owner: string },
  adapters: Map<string, AlertAdapter>,
  round: Round,
  send: Send,
): Promise<SendResult> {
  const first = send.deliveries[0]!;
  const ids = idsOf(send);
  const log = deps.logger.child({ deliveries: ids, platform: first.platform });
  const { owner } = settings;
  if (deps.signal?.aborted) return giveBack(deps, settings, send);
  const held = await round.lease.hold(ids);
  if (held.length < ids.length) {
    await releaseClaims(deps.db, held, owner);
    log.warn('delivery lease lost before its send; another dispatcher has it');
    return { outcome: 'lost' };
  }
  const adapter = adapters.get(first.platform)!;
  const gone = missing(send, adapter);
  if (gone !== undefined) {
    await recordFailed(deps.db, ids, owner, gone);
    return { outcome: 'failed' };
  }
  try {
    const key = `fw-${first.id}`;
    const { notice } = send;
    const { ref } = await withDeadline(
      (signal) =>
        notice
          ? adapter.postNotice!(first.destination, notice, key, { signal })
          : send.deliveries.length > 1 && adapter.postDigest
            ? adapter.postDigest(first.destination, send.releases, key, { signal })
            : adapter.postAlert(first.destination, send.releases[0]!, key, { signal }),
      { deadlineMs: settings.sendDeadlineMs, stop: deps.signal, graceMs: deps.stopGraceMs ?? 3_000 },
    );
    if (!(await round.sent.record(ids, ref))) {
      log.error({ ref }, 'delivery sent after its lease was lost; it may have been sent twice');
    }
    log.info({ ref, releases: send.releases.length, notice: send.notice ? true : undefined }, 'alert delivered');
    return { outcome: 'sent' };
  } catch (error) {
    return failed(deps, settings, send, error, log);
  }
}

/** Why a send cannot be made at all: what it is about is gone, or the platform cannot post it. */
function missing(send: Send, adapter: AlertAdapter): string | undefined {
  if (send.notice === null) return 'the change no longer exists';
  if (send.notice !== undefined) return adapter.postNotice ? undefined : `${adapter.platform} cannot post notices`;
  return send.releases.length === 0 ? 'release no longer exists' : undefined;
}

async function failed(
  deps: DispatchDeps,
  settings: { owner: string },
  send: Send,
  error: unknown,
  log: Logger,
): Promise<SendResult> {
  const first = send.deliveries[0]!;
  const ids = idsOf(send);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DeliveryError && error.action === 'pause') {
    await recordPaused(deps.db, ids, settings.owner, {
      subscriptionId: first.subscriptionId,
      at: deps.now(),
      reason: message,
    });
    log.warn({ subscription: first.subscriptionId, reason: message }, 'channel unusable; subscription paused');
    return { outcome: 'paused' };
  }
  if (!(error instanceof DeliveryError)) log.error({ err: error }, 'alert send crashed');
  const rateLimited = error instanceof DeliveryError && error.retryAfterMs !== undefined;
  if (!rateLimited && first.attempts >= (deps.maxAttempts ?? 12)) {
    await recordFailed(deps.db, ids, settings.owner, message);
    log.error({ attempts: first.attempts, reason: message }, 'alert given up');
    return { outcome: 'failed' };
  }
  const wait = rateLimited ? (error as DeliveryError).retryAfterMs! : backoffMs(first.attempts);
  const dueAt = new Date(deps.now().getTime() + wait);
  await recordRetry(deps.db, ids, settings.owner, { dueAt, reason: message, countAttempt: !rateLimited });
  log.warn({ attempts: first.attempts, retryInMs: wait, reason: message }, 'alert send failed; will retry');
  return { outcome: 'retried', retryAt: dueAt };
}
