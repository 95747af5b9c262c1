import { eq, inArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { deliveries, subscriptions } from '../../db/schema.js';
import { loadReleaseViews } from '../queries/load-release-views.js';
import type { ReleaseView } from '../queries/release-view.js';
import { DeliveryError, type AlertAdapter } from './adapter.js';
import { backoffMs } from './backoff.js';
import { claimDeliveries, type ClaimedDelivery } from './claim-deliveries.js';

export interface DispatchDeps {
  db: Database;
  adapters: readonly AlertAdapter[];
  logger: Logger;
  now: () => Date;
  /** How long a claimed delivery stays invisible to other dispatchers. */
  leaseMs?: number;
  batchSize?: number;
  /** After this many failed attempts a delivery is given up and left as failed. */
  maxAttempts?: number;
}

export interface DispatchResult {
  sent: number;
  retried: number;
  paused: number;
  failed: number;
}

/** One message to send: a single alert, or a digest of several deliveries of one subscription. */
interface Send {
  deliveries: ClaimedDelivery[];
  releases: ReleaseView[];
}

function plan(batch: readonly ClaimedDelivery[], views: Map<number, ReleaseView>, adapters: Map<string, AlertAdapter>): Send[] {
  const sends: Send[] = [];
  const digests = new Map<number, Send>();
  for (const delivery of batch) {
    const view = views.get(delivery.releaseId);
    const releases = view ? [view] : [];
    if (delivery.mode === 'instant' || !adapters.get(delivery.platform)?.postDigest) {
      sends.push({ deliveries: [delivery], releases });
      continue;
    }
    const digest = digests.get(delivery.subscriptionId) ?? { deliveries: [], releases: [] };
    digest.deliveries.push(delivery);
    digest.releases.push(...releases);
    digests.set(delivery.subscriptionId, digest);
  }
  return [...sends, ...digests.values()];
}

/**
 * Sends due deliveries: claims a batch, commits, sends each outside any transaction, records the
 * outcome. A retryable failure comes back later with backoff; a channel that is gone pauses its
 * subscription; nothing is ever sent twice by two dispatchers at once. Deliveries of a digest
 * subscription that come due together go out as one message.
 */
export async function dispatchDue(deps: DispatchDeps): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, retried: 0, paused: 0, failed: 0 };
  const adapters = new Map(deps.adapters.map((a) => [a.platform, a]));
  // Bounded, so a delivery that keeps coming due at once cannot hold the loop.
  for (let round = 0; round < 20; round++) {
    const batch = await claimDeliveries(deps.db, {
      platforms: [...adapters.keys()],
      now: deps.now(),
      leaseMs: deps.leaseMs ?? 120_000,
      limit: deps.batchSize ?? 50,
    });
    if (batch.length === 0) break;
    const views = new Map((await loadReleaseViews(deps.db, [...new Set(batch.map((d) => d.releaseId))])).map((v) => [v.id, v]));
    for (const send of plan(batch, views, adapters)) {
      const outcome = await sendOne(deps, adapters.get(send.deliveries[0]!.platform)!, send);
      result[outcome] += send.deliveries.length;
    }
  }
  return result;
}

async function sendOne(deps: DispatchDeps, adapter: AlertAdapter, send: Send): Promise<keyof DispatchResult> {
  const first = send.deliveries[0]!;
  const ids = send.deliveries.map((d) => d.id);
  const log = deps.logger.child({ deliveries: ids, platform: first.platform });
  const maxAttempts = deps.maxAttempts ?? 12;
  if (send.releases.length === 0) {
    await deps.db.update(deliveries).set({ state: 'failed', lastError: 'release no longer exists', leaseUntil: null }).where(inArray(deliveries.id, ids));
    return 'failed';
  }
  try {
    const key = `fw-${first.id}`;
    const { ref } =
      send.deliveries.length > 1 && adapter.postDigest
        ? await adapter.postDigest(first.destination, send.releases, key)
        : await adapter.postAlert(first.destination, send.releases[0]!, key);
    await deps.db.update(deliveries).set({ state: 'sent', sentAt: deps.now(), messageRef: ref, leaseUntil: null, lastError: null }).where(inArray(deliveries.id, ids));
    log.info({ ref, releases: send.releases.length }, 'alert delivered');
    return 'sent';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof DeliveryError && error.action === 'pause') {
      await deps.db.transaction(async (tx) => {
        await tx.update(subscriptions).set({ pausedAt: deps.now(), pauseReason: message }).where(eq(subscriptions.id, first.subscriptionId));
        await tx.update(deliveries).set({ state: 'pending', leaseUntil: null, lastError: message }).where(inArray(deliveries.id, ids));
      });
      log.warn({ subscription: first.subscriptionId, reason: message }, 'channel unusable; subscription paused');
      return 'paused';
    }
    if (!(error instanceof DeliveryError)) log.error({ err: error }, 'alert send crashed');
    if (first.attempts >= maxAttempts) {
      await deps.db.update(deliveries).set({ state: 'failed', leaseUntil: null, lastError: message }).where(inArray(deliveries.id, ids));
      log.error({ attempts: first.attempts, reason: message }, 'alert given up');
      return 'failed';
    }
    const wait = error instanceof DeliveryError && error.retryAfterMs !== undefined ? error.retryAfterMs : backoffMs(first.attempts);
    await deps.db
      .update(deliveries)
      .set({ state: 'pending', dueAt: new Date(deps.now().getTime() + wait), leaseUntil: null, lastError: message })
      .where(inArray(deliveries.id, ids));
    log.warn({ attempts: first.attempts, retryInMs: wait, reason: message }, 'alert send failed; will retry');
    return 'retried';
  }
}
