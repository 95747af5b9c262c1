import type { Logger } from 'pino';
import type { ChartSpec, RawArgs, Reply, TopCommand } from '../../commands/types.js';
import type { Services } from '../ports/services.js';
import type { ReleaseView } from './release-view.js';

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
  /**
   * A neutral reply posted as a channel message, rendered like a command's answer: a change of a
   * released model, a weekly report. Never mentions anyone. Optional for an adapter; every Platform has it.
   */
  postNotice?(
    destination: string,
    reply: Reply,
    idempotencyKey: string,
    options?: SendOptions,
  ): Promise<{ ref: string }>;
}

/** An adapter that posts notices too: what every platform's alert adapter is. */
export type NoticeAdapter = AlertAdapter & { postNotice: NonNullable<AlertAdapter['postNotice']> };

/** What a platform reports about its start: a failure is logged and retried, never thrown. */
export interface StartResult {
  ok: boolean;
  error?: string;
}

/** One command as a member of a workspace asks it, in the platform's own ids (guild, team, channel, user). */
export interface CommandRequest {
  workspaceId: string;
  channelId: string;
  userId: string;
  isAdmin: boolean;
  /** `['labs', 'add']`. */
  path: readonly string[];
  /** Raw values by option name: typed (Discord) or text (Slack, the console); checked when the command runs. */
  args: RawArgs;
}

/** An answer as the platform renders it: its native body, and the same as plain text. */
export interface Answer {
  ephemeral: boolean;
  text: string;
  body: unknown;
  /** The reply's chart, for a platform that posts it apart from the body (Slack uploads it as a file). */
  chart?: ChartSpec | undefined;
}

/**
 * What every chat platform is: it starts and stops, posts alerts and digests to its channels, and answers
 * commands from the shared definitions, rendered its own way. Native input (a Discord interaction, a
 * Slack slash command, a CLI `run`) ends up in `answer`.
 */
export interface Platform extends AlertAdapter {
  postNotice(
    destination: string,
    reply: Reply,
    idempotencyKey: string,
    options?: SendOptions,
  ): Promise<{ ref: string }>;
  /** Connects and starts receiving commands; a failure is reported, never thrown. */
  start(): Promise<StartResult>;
  stop(): Promise<void>;
  answer(request: CommandRequest): Promise<Answer>;
}

/** What every platform is built from: the same services, command list, clock and Hub address. */
export interface PlatformDeps {
  services: Services;
  commands: readonly TopCommand[];
  logger: Logger;
  hubUrl: string;
  now: () => Date;
  /** How many replicas share the platforms' tokens (and so their global limits) right now; 1 without. */
  replicas?: (() => number) | undefined;
}
