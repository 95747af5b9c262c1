import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SlackInstallationsPort } from '../../ports/slack-installations.js';
import { workspaceId } from './ids.js';

/**
 * `app_uninstalled`, and `tokens_revoked` for the bot's token: the workspace's installation is deleted
 * and its subscriptions paused, so nothing is sent there again until it installs the app again. Bolt
 * runs these without authorizing (the token is already gone); both may arrive, in any order, and more
 * than once.
 */
export function handleUninstalls(
  app: App,
  deps: { installations: SlackInstallationsPort; now: () => Date; logger: Logger; forget: (teamId: string) => void },
): void {
  async function uninstalled(teamId: string | undefined, event: string): Promise<void> {
    if (!teamId) return;
    deps.forget(teamId);
    const { removed, paused } = await deps.installations.remove({
      teamId,
      workspaceId: workspaceId(teamId),
      at: deps.now(),
    });
    if (removed || paused > 0) deps.logger.info({ team: teamId, event, paused }, 'slack app removed from a workspace');
  }

  app.event('app_uninstalled', async ({ body }) => {
    await uninstalled(body.team_id, 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ body, event }) => {
    // User tokens only: floodwatch holds none, and the bot's token still works.
    if ((event.tokens.bot ?? []).length === 0) return;
    await uninstalled(body.team_id, 'tokens_revoked');
  });
}
