import { webApi } from '@slack/bolt';
import { DeliveryError } from '../platform.js';

// Checked by `code` rather than instanceof, so an error from another copy of @slack/web-api reads the same.
interface SlackErrorShape {
  code?: unknown;
  message?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
}

function shape(error: unknown): SlackErrorShape {
  return typeof error === 'object' && error !== null ? (error as SlackErrorShape) : {};
}

/** The `error` of a Web API answer `{ ok: false, error }`, e.g. `channel_not_found`; undefined for other failures. */
export function platformErrorOf(error: unknown): string | undefined {
  const e = shape(error);
  return e.code === webApi.ErrorCode.PlatformError && typeof e.data?.error === 'string' ? e.data.error : undefined;
}

export function rateLimitOf(error: unknown): number | undefined {
  const e = shape(error);
  return e.code === webApi.ErrorCode.RateLimitedError && typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
}

/** A short, loggable description without request details (the client's messages never hold the token). */
export function describeSlackError(error: unknown): string {
  const platform = platformErrorOf(error);
  if (platform) return platform;
  const retryAfter = rateLimitOf(error);
  if (retryAfter !== undefined) return `rate limited for ${retryAfter} s`;
  const e = shape(error);
  if (e.code === webApi.ErrorCode.HTTPError) return `HTTP ${String(e.statusCode)}`;
  return typeof e.message === 'string' ? e.message : String(error);
}

const TOKEN = 'Slack refused the bot token';
const FORBIDDEN = 'Slack does not let the bot post here';

/**
 * Answers that no retry will change: the channel is gone or closed to the bot, or the token is dead.
 * They pause the subscription, which holds its alerts until `/floodwatch alerts subscribe` resumes it,
 * so nothing is lost while someone fixes the channel or the token. Retrying them would give up, and
 * drop the alert, after the dispatcher's last attempt.
 */
const PAUSE: Readonly<Record<string, string>> = {
  channel_not_found: 'Slack cannot find this channel, or the bot cannot see it',
  is_archived: 'the channel is archived',
  not_in_channel: 'the bot is not in this channel: invite it with /invite',
  invalid_auth: TOKEN,
  not_authed: TOKEN,
  token_revoked: TOKEN,
  token_expired: TOKEN,
  account_inactive: TOKEN,
  missing_scope: 'the app lacks a permission it needs: reinstall it from slack-manifest.yml',
  restricted_action: FORBIDDEN,
  restricted_action_read_only_channel: FORBIDDEN,
  restricted_action_thread_only_channel: FORBIDDEN,
  restricted_action_non_threadable_channel: FORBIDDEN,
  team_access_not_granted: FORBIDDEN,
  ekm_access_denied: FORBIDDEN,
  no_permission: FORBIDDEN,
};

/** Slack refused the token itself: in OAuth mode the workspace's installation is gone. */
export function isTokenFailure(error: unknown): boolean {
  return PAUSE[platformErrorOf(error) ?? ''] === TOKEN;
}

/** What the dispatcher should do about a failed Web API call: pause for the answers above, otherwise retry. */
export function slackFailure(error: unknown): DeliveryError {
  const retryAfter = rateLimitOf(error);
  if (retryAfter !== undefined)
    return new DeliveryError(`slack rate limited for ${retryAfter} s`, 'retry', retryAfter * 1000);
  const platform = platformErrorOf(error);
  if (platform && PAUSE[platform]) return new DeliveryError(`${PAUSE[platform]} (${platform})`, 'pause');
  return new DeliveryError(`slack: ${describeSlackError(error)}`, 'retry');
}
