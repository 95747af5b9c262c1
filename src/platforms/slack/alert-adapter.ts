import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../../shared/clock.js';
import { createPacer, type Pacer, type PacerRate } from '../../shared/pacer.js';
import { DeliveryError, type NoticeAdapter, type SendOptions } from '../platform.js';
import { NOT_INSTALLED_REASON } from '../../ports/slack-installations.js';
import { channelOf, teamOf } from './ids.js';
import { renderAlert, renderDigest } from './render-alert.js';
import { renderReply } from './render-reply.js';
import { uploadChart } from './upload-chart.js';
import type { Reply } from '../../../commands/types.js';
import { describeSlackError, isTokenFailure, platformErrorOf, rateLimitOf, slackFailure } from './slack-failure.js';

type Client = webApi.WebClient;

/** Slack's limits as this adapter keeps them; the workspace-wide figures are ours, Slack publishes none. */
export const SLACK_PACE = {
  /** chat.postMessage: one message per second per channel. */
  channel: { intervalMs: 1_000, burst: 1 },
  /** chat.postMessage across a workspace: 240 a minute, a few at once. */
  postMessage: { intervalMs: 250, burst: 5 },
  /** conversations.join is in Tier 3: 50 a minute. */
  join: { intervalMs: 1_200, burst: 5 },
} as const satisfies Record<string, PacerRate>;

/** A pacing wait up to this long happens inside the send; a longer one reschedules the delivery. */
const MAX_INLINE_WAIT_MS = 3_000;

function pacers(rate: PacerRate, clock: Clock): (key: string) => Pacer {
  const byKey = new Map<string, Pacer>();
  return (key) => {
    let pacer = byKey.get(key);
    if (pacer === undefined) byKey.set(key, (pacer = createPacer(rate, clock)));
    return pacer;
  };
}

/**
 * Posts alerts with chat.postMessage: Block Kit with a text fallback, no unfurls, nothing that
 * mentions anyone. Calls are paced under Slack's limits (per channel, and per method across the
 * workspace); a pacing wait longer than a few seconds reschedules the delivery instead. `client`
 * should reject rate-limited calls (`rejectRateLimitedCalls: true`) so the dispatcher reschedules by
 * Retry-After instead of the client sleeping. Slack has no idempotency key for messages, so a send that
 * succeeded but was never recorded can be posted again.
 *
 * One workspace: `client`. Many (OAuth): `teamClient` gives each destination's team its own client,
 * and a team without an installation, or whose token Slack refuses, pauses the subscription until
 * the app is installed there again.
 */
export function createSlackAlertAdapter(options: {
  client?: Client | undefined;
  teamClient?: ((teamId: string) => Promise<Client | undefined>) | undefined;
  hubUrl: string;
  logger: Logger;
  pace?: { [K in keyof typeof SLACK_PACE]: PacerRate };
  clock?: Clock;
}): NoticeAdapter {
  const { logger } = options;
  const perTeam = options.teamClient;
  const pace = options.pace ?? SLACK_PACE;
  const clock = options.clock ?? systemClock;
  const channelPacer = pacers(pace.channel, clock);
  const postPacer = pacers(pace.postMessage, clock);
  const joinPacer = pacers(pace.join, clock);

  /** Waits for a slot of each pacer in turn; a wait too long for the send reschedules it. */
  async function paced(what: string, signal: AbortSignal | undefined, ...order: Pacer[]): Promise<void> {
    for (const pacer of order) {
      if (await pacer.take({ signal, maxWaitMs: MAX_INLINE_WAIT_MS })) continue;
      throw new DeliveryError(`slack ${what} paced: busy for more than a few seconds`, 'retry', MAX_INLINE_WAIT_MS);
    }
  }

  async function clientFor(destination: string): Promise<Client> {
    if (perTeam === undefined) return options.client!;
    const client = await perTeam(teamOf(destination) ?? '');
    if (client === undefined) throw new DeliveryError(NOT_INSTALLED_REASON, 'pause');
    return client;
  }

  function failure(error: unknown): DeliveryError {
    if (perTeam !== undefined && isTokenFailure(error)) return new DeliveryError(NOT_INSTALLED_REASON, 'pause');
    return slackFailure(error);
  }

  async function post(
    client: Client,
    channel: string,
    message: ReturnType<typeof renderAlert>,
  ): Promise<{ ref: string }> {
    const result = await client.chat.postMessage({
      channel,
      ...message,
      unfurl_links: false,
      unfurl_media: false,
      parse: 'none',
      link_names: false,
    });
    return { ref: `${result.channel ?? channel}:${result.ts ?? ''}` };
  }

  /** A bot without chat:write.public, or one removed from the channel, joins a public channel once. */
  async function join(client: Client, channel: string): Promise<void> {
    try {
      await client.conversations.join({ channel });
      logger.info({ channel }, 'slack bot joined a channel to post an alert');
    } catch (error) {
      const tokenGone = perTeam !== undefined && isTokenFailure(error);
      if (rateLimitOf(error) !== undefined || platformErrorOf(error) === undefined || tokenGone) throw failure(error);
      throw new DeliveryError(
        `the bot is not in this channel and cannot join it (${describeSlackError(error)}): invite it with /invite`,
        'pause',
      );
    }
  }

  /** The Web API client takes no signal: an aborted send starts no further call. */
  function checkAborted(signal: AbortSignal | undefined): void {
    if (signal?.aborted)
      throw signal.reason instanceof DeliveryError ? signal.reason : new DeliveryError('send aborted', 'retry');
  }

  async function send(
    destination: string,
    message: ReturnType<typeof renderAlert>,
    options: SendOptions = {},
  ): Promise<{ ref: string }> {
    const channel = channelOf(destination);
    if (channel === undefined) throw new DeliveryError(`not a Slack destination: ${destination}`, 'pause');
    const client = await clientFor(destination);
    const workspace = destination.slice(0, destination.lastIndexOf(':'));
    const { signal } = options;
    checkAborted(signal);
    await paced('chat.postMessage', signal, channelPacer(destination), postPacer(workspace));
    try {
      return await post(client, channel, message);
    } catch (error) {
      if (platformErrorOf(error) !== 'not_in_channel') throw failure(error);
    }
    checkAborted(signal);
    await paced('conversations.join', signal, joinPacer(workspace));
    await join(client, channel);
    checkAborted(signal);
    await paced('chat.postMessage', signal, channelPacer(destination), postPacer(workspace));
    try {
      return await post(client, channel, message);
    } catch (error) {
      throw failure(error);
    }
  }

  /**
   * A notice (a change, the weekly report) is the reply's blocks, as a command's answer shows them; its
   * chart follows as an uploaded file. The message is what counts: a chart that cannot be drawn or
   * shared is logged, and the notice is not sent again for it.
   */
  async function sendNotice(destination: string, reply: Reply, sendOptions?: SendOptions): Promise<{ ref: string }> {
    const sent = await send(destination, renderReply(reply), sendOptions);
    if (reply.chart === undefined) return sent;
    try {
      await uploadChart(await clientFor(destination), channelOf(destination)!, reply.chart);
    } catch (error) {
      logger.warn({ err: error, destination, chart: reply.chart.title }, 'slack notice posted without its chart');
    }
    return sent;
  }

  return {
    platform: 'slack',
    postAlert: (destination, release, _key, sendOptions) =>
      send(destination, renderAlert(release, options.hubUrl), sendOptions),
    postDigest: (destination, releases, _key, sendOptions) =>
      send(destination, renderDigest(releases, options.hubUrl), sendOptions),
    postNotice: (destination, reply, _key, sendOptions) => sendNotice(destination, reply, sendOptions),
  };
}
