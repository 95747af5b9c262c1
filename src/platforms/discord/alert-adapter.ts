import { DiscordAPIError, HTTPError, RateLimitError, Routes, type REST } from 'discord.js';
import { DeliveryError, type AlertAdapter } from '../../delivery/adapter.js';
import { channelOf } from './ids.js';
import { renderAlert, renderDigest } from './render-alert.js';

// Discord's answers that mean "this channel will not take our messages": missing access, missing
// permissions, unknown channel. Retrying them would only earn an IP ban for invalid requests.
const CHANNEL_GONE = new Set([50001, 50013, 10003]);

/** Maps a failed send to what the dispatcher should do; exported for the shared contract tests. */
export function discordFailure(error: unknown): DeliveryError {
  if (error instanceof DiscordAPIError) {
    if (CHANNEL_GONE.has(Number(error.code))) return new DeliveryError(`discord ${error.code}: ${error.message}`, 'pause');
    return new DeliveryError(`discord ${error.status} ${error.code}: ${error.message}`, 'retry');
  }
  if (error instanceof RateLimitError) return new DeliveryError('discord rate limit', 'retry', error.retryAfter);
  if (error instanceof HTTPError) return new DeliveryError(`discord ${error.status}`, 'retry');
  return new DeliveryError(error instanceof Error ? error.message : String(error), 'retry');
}

/**
 * Posts alerts as channel messages: one embed, no mentions, and a nonce derived from the delivery
 * so a retried send returns the first message instead of posting twice.
 */
export function createDiscordAlertAdapter(options: { rest: REST; hubUrl: string }): AlertAdapter {
  async function post(destination: string, body: object, idempotencyKey: string): Promise<{ ref: string }> {
    const channelId = channelOf(destination);
    if (channelId === undefined) throw new DeliveryError(`not a Discord destination: ${destination}`, 'pause');
    try {
      const message = (await options.rest.post(Routes.channelMessages(channelId), {
        body: { ...body, allowed_mentions: { parse: [] }, nonce: idempotencyKey.slice(0, 25), enforce_nonce: true },
      })) as { id: string };
      return { ref: message.id };
    } catch (error) {
      throw discordFailure(error);
    }
  }
  return {
    platform: 'discord',
    postAlert: (destination, release, key) => post(destination, renderAlert(release, options.hubUrl), key),
    postDigest: (destination, releases, key) => post(destination, renderDigest(releases, options.hubUrl), key),
  };
}
