import type { SettingsPort } from '../../ports/settings.js';

const PREFIX = 'discord.interaction.';
// An interaction token lasts 15 minutes; its claim is kept four times as long, to be safe.
const KEEP_MS = 3_600_000;

/**
 * True for the one process that claims an interaction first. Replicas sharing a bot token may each
 * hold a gateway session; without this, a command like `/alerts subscribe` could run twice.
 */
export function claimInteraction(settings: SettingsPort, interactionId: string): Promise<boolean> {
  return settings.claim(`${PREFIX}${interactionId}`);
}

/** Claims older than an hour, long after their interaction's token ran out, are forgotten. */
export function forgetInteractions(settings: SettingsPort, now: Date): Promise<void> {
  return settings.forget(PREFIX, new Date(now.getTime() - KEEP_MS));
}
