import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SlackInstallationsPort } from '../../ports/slack-installations.js';
import { workspaceId } from './ids.js';

/** An install we do not serve: Enterprise Grid org-wide installs (the manifest does not enable them). */
export class UnsupportedInstallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedInstallError';
  }
}

/**
 * Bolt's installation store over our port: what the installer stores after oauth.v2.access, and what
 * `authorize` reads for every request from a workspace. Only workspace installs with a bot token.
 */
export function createInstallationStore(options: {
  installations: SlackInstallationsPort;
  now: () => Date;
  logger: Logger;
  /** Told when a workspace was installed (again), so cached clients of an old token go. */
  onInstalled?: (teamId: string) => void;
}): InstallationStore {
  const { installations, logger } = options;
  return {
    async storeInstallation(installation: Installation) {
      const teamId = installation.team?.id;
      if (installation.isEnterpriseInstall || teamId === undefined)
        throw new UnsupportedInstallError('org-wide installs are not supported: install to each workspace');
      const bot = installation.bot;
      if (bot === undefined) throw new UnsupportedInstallError('the install granted no bot token');
      const { resumed } = await installations.save({
        teamId,
        workspaceId: workspaceId(teamId),
        teamName: installation.team?.name ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        botUserId: bot.userId,
        botId: bot.id ?? null,
        scopes: bot.scopes,
        botToken: bot.token,
        installedBy: installation.user?.id ?? null,
        at: options.now(),
      });
      options.onInstalled?.(teamId);
      logger.info({ team: teamId, resumed, scopes: bot.scopes }, 'slack app installed in a workspace');
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = query.teamId === undefined ? undefined : await installations.find(query.teamId);
      if (found === undefined) throw new Error(`floodwatch is not installed in Slack team ${query.teamId ?? '?'}`);
      return {
        team: { id: found.teamId },
        enterprise: found.enterpriseId ? { id: found.enterpriseId } : undefined,
        user: { id: found.installedBy ?? '', token: undefined, scopes: undefined },
        bot: {
          token: found.botToken,
          scopes: found.scopes,
          id: found.botId ?? '',
          userId: found.botUserId,
        },
        tokenType: 'bot',
        isEnterpriseInstall: false,
        authVersion: 'v2',
      };
    },
  };
}
