import type { Logger } from 'pino';
import { COMMANDS } from '../../commands/index.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { Config } from '../config/env.js';
import type { AlertAdapter } from '../delivery/adapter.js';
import type { HttpServer } from '../shared/http-server.js';

export interface Platform {
  adapter: AlertAdapter;
  start(): Promise<{ ok: boolean; error?: string }>;
  stop(): Promise<void>;
}

/**
 * The chat platforms whose tokens are set; none without tokens (the console still runs). Each
 * platform's library is loaded only when it is configured: discord.js and Bolt cost tens of MB.
 */
export async function createPlatforms(deps: {
  /** The service's HTTP listener, for platforms that receive requests (Slack's HTTP mode). */
  server?: HttpServer;
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  now?: () => Date;
}): Promise<Platform[]> {
  const { config, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const platforms: Platform[] = [];
  if (config.DISCORD_TOKEN) {
    const { createDiscordBot } = await import('../platforms/discord/index.js');
    platforms.push(
      createDiscordBot({
        token: config.DISCORD_TOKEN,
        apiUrl: config.DISCORD_API_URL,
        guildId: config.DISCORD_GUILD_ID,
        db: deps.database.db,
        logger,
        hubUrl: config.HF_ENDPOINT,
        now,
        commands: COMMANDS,
      }),
    );
  }
  if (config.SLACK_BOT_TOKEN) {
    const { createSlackApp } = await import('../platforms/slack/index.js');
    platforms.push(
      createSlackApp({
        botToken: config.SLACK_BOT_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        adminUserIds: config.SLACK_ADMIN_USER_IDS,
        apiUrl: config.SLACK_API_URL,
        port: config.PORT,
        server: deps.server,
        db: deps.database.db,
        logger,
        hubUrl: config.HF_ENDPOINT,
        now,
      }),
    );
  }
  return platforms;
}
