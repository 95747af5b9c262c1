import { webApi } from '@slack/bolt';
import type { SlackInstallationsPort } from '../../ports/slack-installations.js';

/** Web API clients of the workspaces the app is installed in, each with that workspace's own token. */
export interface TeamClients {
  /** The team's client, or undefined when the app is not installed there (read afresh each time). */
  get(teamId: string): Promise<webApi.WebClient | undefined>;
  /** Drops the team's cached client, e.g. once it uninstalled. */
  forget(teamId: string): void;
}

/**
 * Looks the installation up for every use, so an uninstall seen by another replica counts at once, and
 * keeps one client per team for as long as its token stays the same.
 */
export function createTeamClients(options: {
  installations: SlackInstallationsPort;
  clientOptions: webApi.WebClientOptions;
}): TeamClients {
  const cache = new Map<string, { token: string; client: webApi.WebClient }>();
  return {
    async get(teamId) {
      const installation = await options.installations.find(teamId);
      if (installation === undefined) {
        cache.delete(teamId);
        return undefined;
      }
      const hit = cache.get(teamId);
      if (hit?.token === installation.botToken) return hit.client;
      const client = new webApi.WebClient(installation.botToken, { ...options.clientOptions, teamId });
      cache.set(teamId, { token: installation.botToken, client });
      return client;
    },
    forget(teamId) {
      cache.delete(teamId);
    },
  };
}
