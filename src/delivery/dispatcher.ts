import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { deliveries, subscriptions } from '../../db/schema.js';
import { loadReleaseViews } from '../queries/load-release-views.js';
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

/**
 * Sends due deliveries: claims a batch, commits, sends each outside any transaction, records the
 * outcome. A retryable failure comes back later with backoff; a channel that is gone pauses its
 * subscription; nothing is ever sent twice by two dispatchers at once.
 */
export async function dispatchDue(deps: DispatchDeps): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, retried: 0, paused: 0, failed: 0 };
  const adapters = new Map(deps.adapters.map((a) => [a.platform, a]));
  const maxAttempts = deps.maxAttempts ?? 12;
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
    for (const delivery of batch) {
      const outcome = await sendOne(deps, adapters.get(delivery.platform)!, delivery, views.get(delivery.releaseId), maxAttempts);
      result[outcome]++;
    }
  }
  return result;
}

async function sendOne(
  deps: DispatchDeps,
  adapter: AlertAdapter,
  delivery: ClaimedDelivery,
  view: Awaited<ReturnType<typeof loadReleaseViews>>[number] | undefined,
  maxAttempts: number,
): Promise<keyof DispatchResult> {
  const log = deps.logger.child({ delivery: delivery.id, platform: delivery.platform, release: delivery.releaseId });
  if (view === undefined) {
    await deps.db.update(deliveries).set({ state: 'failed', lastError: 'release no longer exists', leaseUntil: null }).where(eq(deliveries.id, delivery.id));
    return 'failed';
  }
  try {
    const { ref } = await adapter.postAlert(delivery.destination, view, `fw-${delivery.id}`);
    await deps.db
      .update(deliveries)
      .set({ state: 'sent', sentAt: deps.now(), messageRef: ref, leaseUntil: null, lastError: null })
      .where(eq(deliveries.id, delivery.id));
    log.info({ ref }, 'alert delivered');
    return 'sent';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof DeliveryError && error.action === 'pause') {
      await deps.db.transaction(async (tx) => {
        await tx.update(subscriptions).set({ pausedAt: deps.now(), pauseReason: message }).where(eq(subscriptions.id, delivery.subscriptionId));
        await tx.update(deliveries).set({ state: 'pending', leaseUntil: null, lastError: message }).where(eq(deliveries.id, delivery.id));
      });
      log.warn({ subscription: delivery.subscriptionId, reason: message }, 'channel unusable; subscription paused');
      return 'paused';
    }
    if (!(error instanceof DeliveryError)) log.error({ err: error }, 'alert send crashed');
    if (delivery.attempts >= maxAttempts) {
      await deps.db.update(deliveries).set({ state: 'failed', leaseUntil: null, lastError: message }).where(eq(deliveries.id, delivery.id));
      log.error({ attempts: delivery.attempts, reason: message }, 'alert given up');
      return 'failed';
    }
    const wait = error instanceof DeliveryError && error.retryAfterMs !== undefined ? error.retryAfterMs : backoffMs(delivery.attempts);
    await deps.db
      .update(deliveries)
      .set({ state: 'pending', dueAt: new Date(deps.now().getTime() + wait), leaseUntil: null, lastError: message })
      .where(eq(deliveries.id, delivery.id));
    log.warn({ attempts: delivery.attempts, retryInMs: wait, reason: message }, 'alert send failed; will retry');
    return 'retried';
  }
}
