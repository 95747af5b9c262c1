import type { ReleaseView } from '../queries/release-view.js';

/** What a platform says about a send that did not work. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** retry: try again later (after `retryAfterMs` if given); pause: the channel is gone or forbids us. */
    readonly action: 'retry' | 'pause',
    /** The wait the platform asked for (a rate limit): such a retry does not count as a failed attempt. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface SendOptions {
  /**
   * Aborted when the send's deadline passes or the service stops. An adapter stops waiting at once
   * (rate limits included) and must not post after it fired; the dispatcher treats the send as failed.
   */
  signal?: AbortSignal | undefined;
}

/**
 * A platform that can post release alerts. `postAlert` resolves with the platform's message reference
 * once the message exists, and throws DeliveryError for a failure it understands. `idempotencyKey`
 * is the same for every attempt of one delivery, so a platform that can dedupe does. A rate limit
 * longer than a few seconds is a DeliveryError with `retryAfterMs`, never a wait inside the send.
 */
export interface AlertAdapter {
  readonly platform: string;
  postAlert(
    destination: string,
    release: ReleaseView,
    idempotencyKey: string,
    options?: SendOptions,
  ): Promise<{ ref: string }>;
  /** Optional: several releases in one message, for daily and weekly digests; without it each is posted alone. */
  postDigest?(
    destination: string,
    releases: readonly ReleaseView[],
    idempotencyKey: string,
    options?: SendOptions,
  ): Promise<{ ref: string }>;
}
