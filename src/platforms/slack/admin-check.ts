import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { describeSlackError, platformErrorOf } from './slack-failure.js';

/** Whether a user may run admin subcommands; `unknown` when Slack could not say just now. */
export type AdminStatus = { known: true; admin: boolean } | { known: false; reason: string };

export interface AdminCheck {
  check(client: webApi.WebClient, teamId: string, userId: string): Promise<AdminStatus>;
}

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 5_000;

/**
 * Admin = on the configured allow-list, or a workspace admin or owner per `users.info`. Answers are
 * cached for ten minutes (in flight too, so a burst of commands makes one call); failures are not.
 */
export function createAdminCheck(options: {
  adminUserIds: readonly string[];
  now: () => Date;
  logger: Logger;
  ttlMs?: number;
}): AdminCheck {
  const allowed = new Set(options.adminUserIds);
  const ttl = options.ttlMs ?? TTL_MS;
  const cache = new Map<string, { until: number; status: Promise<AdminStatus> }>();

  async function ask(client: webApi.WebClient, userId: string): Promise<AdminStatus> {
    try {
      const { user } = await client.users.info({ user: userId });
      return { known: true, admin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner) };
    } catch (error) {
      if (platformErrorOf(error) === 'user_not_found') return { known: true, admin: false };
      options.logger.warn(
        { user: userId, reason: describeSlackError(error) },
        'slack users.info failed; admin status unknown',
      );
      return { known: false, reason: describeSlackError(error) };
    }
  }

  function forget(now: number): void {
    for (const [key, entry] of cache) if (entry.until <= now) cache.delete(key);
    // Still full of live entries: drop the oldest, Map keeps insertion order.
    for (const key of cache.keys()) {
      if (cache.size < MAX_ENTRIES) break;
      cache.delete(key);
    }
  }

  return {
    async check(client, teamId, userId) {
      if (allowed.has(userId)) return { known: true, admin: true };
      const key = `${teamId}:${userId}`;
      const now = options.now().getTime();
      const hit = cache.get(key);
      if (hit && hit.until > now) return hit.status;
      if (cache.size >= MAX_ENTRIES) forget(now);
      const status = ask(client, userId);
      cache.set(key, { until: now + ttl, status });
      const answer = await status;
      if (!answer.known) cache.delete(key);
      return answer;
    },
  };
}
