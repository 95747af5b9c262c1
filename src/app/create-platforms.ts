import type { Logger } from 'pino';
import { COMMANDS } from '../../commands/index.js';
import { slackMode, type Config } from '../config/env.js';
import type { Platform, PlatformDeps } from '../platforms/platform.js';
import type { Services } from '../ports/services.js';
import type { SlackInstallationsPort } from '../ports/slack-installations.js';
import type { HttpServer } from '../shared/http-server.js';

/**
 * The chat platforms whose tokens are set; none without tokens (the console still runs). Each gets the
 * same services and command list. A platform's library is loaded only when it is configured:
 * discord.js and Bolt cost tens of MB.
 */
export async function createPlatforms(deps: {
  /** The service's HTTP listener, for platforms that receive requests (Slack's HTTP mode). */
  server?: HttpServer;
  config: Config;
  logger: Logger;
  services: Services;
  /** Where Slack OAuth mode keeps its installations; needed when SLACK_CLIENT_ID is set. */
  slackInstallations?: SlackInstallationsPort | undefined;
  now?: () => Date;
  /** Replicas sharing the tokens: each keeps to its share of a platform's global limit. */
  replicas?: () => number;
}): Promise<Platform[]> {
  const { config } = deps;
  const shared: PlatformDeps = {
    services: deps.services,
    commands: COMMANDS,
    logger: deps.logger,
    hubUrl: config.HF_ENDPOINT,
    now: deps.now ?? (() => new Date()),
    replicas: deps.replicas,
  };
  const platforms: Platform[] = [];
  if (config.DISCORD_TOKEN) {
    const { createDiscordBot } = await import('../platforms/discord/index.js');
    platforms.push(
      createDiscordBot({
        ...shared,
        token: config.DISCORD_TOKEN,
        apiUrl: config.DISCORD_API_URL,
        guildId: config.DISCORD_GUILD_ID,
      }),
    );
  }
  const slack = slackMode(config);
  if (slack !== undefined) {
    const { createSlackApp } = await import('../platforms/slack/index.js');
    platforms.push(
      createSlackApp({
        ...shared,
        botToken: config.SLACK_BOT_TOKEN,
        oauth: slack === 'oauth' ? slackOAuth(config, deps.slackInstallations) : undefined,
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        adminUserIds: config.SLACK_ADMIN_USER_IDS,
        apiUrl: config.SLACK_API_URL,
        port: config.PORT,
        server: deps.server,
      }),
    );
  }
  return platforms;
}

function slackOAuth(config: Config, installations: SlackInstallationsPort | undefined) {
  if (installations === undefined) throw new Error('Slack OAuth mode needs an installation store');
  return {
    clientId: config.SLACK_CLIENT_ID!,
    clientSecret: config.SLACK_CLIENT_SECRET!,
    stateSecret: config.SLACK_STATE_SECRET!,
    publicUrl: config.PUBLIC_URL!,
    installations,
  };
}
