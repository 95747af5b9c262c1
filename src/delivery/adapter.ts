import type { ReleaseView } from '../queries/release-view.js';

/** What a platform says about a send that did not work. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** retry: try again later (after `retryAfterMs` if given); pause: the channel is gone or forbids us. */
    readonly action: 'retry' | 'pause',
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * A platform that can post release alerts. `postAlert` resolves with the platform's message reference
 * once the message exists, and throws DeliveryError for a failure it understands. `idempotencyKey`
 * is the same for every attempt of one delivery, so a platform that can dedupe does.
 */
export interface AlertAdapter {
  readonly platform: string;
  postAlert(destination: string, release: ReleaseView, idempotencyKey: string): Promise<{ ref: string }>;
  /** Optional: several releases in one message, for daily and weekly digests; without it each is posted alone. */
  postDigest?(destination: string, releases: readonly ReleaseView[], idempotencyKey: string): Promise<{ ref: string }>;
}
