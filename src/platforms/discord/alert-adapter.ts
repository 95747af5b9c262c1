import {
  DefaultRestOptions,
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  REST,
  Routes,
  type APIEmbed,
  type RateLimitData,
} from 'discord.js';
import type { Logger } from 'pino';
import { systemClock } from '../../shared/clock.js';
import { silentLogger } from '../../shared/logger.js';
import { createPacer } from '../../shared/pacer.js';
import { DeliveryError, type NoticeAdapter, type SendOptions } from '../platform.js';
import { channelOf } from './ids.js';
import { renderAlert, renderDigest } from './render-alert.js';
import type { DiscordReply } from './render-reply.js';
import { renderReplyWithChart, restMessage } from './reply-message.js';

// Discord's answers that mean "this channel will not take our messages": missing access, missing
// permissions, unknown channel. Retrying them would only earn an IP ban for invalid requests.
const CHANNEL_GONE = new Set([50001, 50013, 10003]);

/** A rate limit up to this long is waited out inside the send; a longer one reschedules the delivery. */
export const MAX_INLINE_WAIT_MS = 3_000;

function waitOf(limit: Pick<RateLimitData, 'timeToReset' | 'retryAfter' | 'sublimitTimeout'>): number {
  return Math.max(limit.timeToReset, limit.retryAfter, limit.sublimitTimeout ?? 0);
}

/** Discord's global limit: 50 requests per second per bot token (interaction callbacks aside). */
export const GLOBAL_REQUESTS_PER_SECOND = 50;
/**
 * One request every 21 ms with a burst of 2 (so a late timer does not slow the pace) puts at most 49
 * requests in any second: one short of the limit, for jitter on the way.
 */
const GLOBAL_PACE = { intervalMs: 21, burst: 2 };

/**
 * One replica's pace when `replicas` share the token: its even share of 80 % of 49 requests a second,
 * less one for the burst slot each may take. Pacers that do not see each other line up by chance, and
 * their requests arrive with jitter, so the replicas together keep a margin under the limit.
 */
export function sharedPace(replicas: number): { intervalMs: number; burst: number } {
  if (replicas <= 1) return GLOBAL_PACE;
  const perSecond = Math.max(1, Math.floor((0.8 * (GLOBAL_REQUESTS_PER_SECOND - 1)) / replicas) - 1);
  return { intervalMs: Math.ceil(1000 / perSecond), burst: GLOBAL_PACE.burst };
}

/**
 * The REST client for alerts: its own queue, so a limited channel never delays command replies; a
 * rate limit longer than a few seconds throws instead of sleeping; a request is retried once at most.
 * The client keeps each route's bucket from Discord's headers, and counts the global limit in fixed
 * one-second windows, which lets up to twice the limit through around a window's edge; so every request
 * it makes, retries included, is also spaced evenly under the global limit.
 */
export function createAlertRest(
  token: string,
  apiUrl: string | undefined,
  options: { maxInlineWaitMs?: number; replicas?: (() => number) | undefined } = {},
): REST {
  const { maxInlineWaitMs = MAX_INLINE_WAIT_MS } = options;
  const pacer = createPacer(GLOBAL_PACE, systemClock);
  // The global limit belongs to the token: replicas that share it each keep to their share of it.
  let sharing = 1;
  const keepToShare = () => {
    const replicas = Math.max(1, Math.floor(options.replicas?.() ?? 1));
    if (replicas === sharing) return;
    sharing = replicas;
    pacer.setRate(sharedPace(replicas));
  };
  return new REST({
    ...(apiUrl ? { api: apiUrl } : {}),
    rejectOnRateLimit: (limit) => waitOf(limit) > maxInlineWaitMs,
    retries: 1,
    timeout: 10_000,
    globalRequestsPerSecond: GLOBAL_REQUESTS_PER_SECOND,
    async makeRequest(url, init) {
      keepToShare();
      await pacer.take({ signal: init.signal ?? undefined });
      return DefaultRestOptions.makeRequest(url, init);
    },
  }).setToken(token);
}

/** Maps a failed send to what the dispatcher should do; exported for the shared contract tests. */
export function discordFailure(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof DiscordAPIError) {
    if (CHANNEL_GONE.has(Number(error.code)))
      return new DeliveryError(`discord ${error.code}: ${error.message}`, 'pause');
    return new DeliveryError(`discord ${error.status} ${error.code}: ${error.message}`, 'retry');
  }
  if (error instanceof RateLimitError) {
    return new DeliveryError(
      `discord rate limit (${error.global ? 'global' : error.route})`,
      'retry',
      Math.ceil(waitOf(error)),
    );
  }
  if (error instanceof HTTPError) return new DeliveryError(`discord ${error.status}`, 'retry');
  return new DeliveryError(error instanceof Error ? error.message : String(error), 'retry');
}

/**
 * Posts alerts as channel messages: one embed, no mentions, and a nonce derived from the delivery
 * so a retried send returns the first message instead of posting twice. The send's signal aborts the
 * request, and any wait of the REST queue before it, at once. A notice (a change, the weekly report) is
 * a reply's embed with its chart drawn and attached.
 */
export function createDiscordAlertAdapter(options: { rest: REST; hubUrl: string; logger?: Logger }): NoticeAdapter {
  const logger = options.logger ?? silentLogger();
  async function post(
    destination: string,
    message: { content?: string; embeds: APIEmbed[]; files?: DiscordReply['files'] },
    idempotencyKey: string,
    send: SendOptions = {},
  ): Promise<{ ref: string }> {
    const channelId = channelOf(destination);
    if (channelId === undefined) throw new DeliveryError(`not a Discord destination: ${destination}`, 'pause');
    try {
      const { body, files } = restMessage(
        { embeds: message.embeds, files: message.files ?? [] },
        {
          ...(message.content ? { content: message.content } : {}),
          nonce: idempotencyKey.slice(0, 25),
          enforce_nonce: true,
        },
      );
      const posted = (await options.rest.post(Routes.channelMessages(channelId), {
        body,
        ...(files.length ? { files } : {}),
        ...(send.signal ? { signal: send.signal } : {}),
      })) as { id: string };
      return { ref: posted.id };
    } catch (error) {
      if (send.signal?.aborted) throw discordFailure(send.signal.reason);
      throw discordFailure(error);
    }
  }
  return {
    platform: 'discord',
    postAlert: (destination, release, key, send) => post(destination, renderAlert(release, options.hubUrl), key, send),
    postDigest: (destination, releases, key, send) =>
      post(destination, renderDigest(releases, options.hubUrl), key, send),
    postNotice: async (destination, reply, key, send) =>
      post(destination, await renderReplyWithChart(reply, logger), key, send),
  };
}
