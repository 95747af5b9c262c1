import { Client, Events, GatewayIntentBits, REST } from 'discord.js';
import type { Logger } from 'pino';
import type { Database } from '../../../db/database.js';
import type { CommandContext, TopCommand } from '../../../commands/types.js';
import type { AlertAdapter } from '../../delivery/adapter.js';
import { createAlertRest, createDiscordAlertAdapter } from './alert-adapter.js';
import { forgetInteractions } from './claim-interaction.js';
import { createInteractionHandler } from './handle-interaction.js';
import { syncCommands } from './sync-commands.js';

export interface DiscordOptions {
  token: string;
  /** REST base such as `https://discord.com/api` or a proxy; the gateway URL comes from it. */
  apiUrl?: string | undefined;
  guildId?: string | undefined;
  db: Database;
  logger: Logger;
  hubUrl: string;
  now: () => Date;
  commands: readonly TopCommand[];
}

export interface DiscordBot {
  adapter: AlertAdapter;
  /** Logs in and registers changed commands; never throws: a failure is logged and reported. */
  start(): Promise<{ ok: boolean; error?: string }>;
  stop(): Promise<void>;
}

export function createRest(token: string, apiUrl: string | undefined): REST {
  return new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
}

/**
 * The Discord side of the service: the gateway client for commands and REST for alerts. Replicas
 * that share the token answer each interaction once (the first to claim it in the database).
 */
export function createDiscordBot(options: DiscordOptions): DiscordBot {
  const logger = options.logger.child({ platform: 'discord' });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  });
  client.rest.setToken(options.token);
  const ctx: CommandContext = { db: options.db, now: options.now, hubUrl: options.hubUrl, logger };
  client.on(Events.InteractionCreate, createInteractionHandler(options.commands, ctx, logger));
  client.on(Events.Error, (error) => logger.warn({ err: error }, 'discord client error'));
  const adapter = createDiscordAlertAdapter({
    rest: createAlertRest(options.token, options.apiUrl),
    hubUrl: options.hubUrl,
  });
  const housekeeping = setInterval(() => {
    forgetInteractions(options.db, options.now()).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not forget old interactions'),
    );
  }, 3_600_000);
  housekeeping.unref();

  return {
    adapter,
    async start() {
      try {
        const ready = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('the gateway did not get ready within 60 s')), 60_000);
          timer.unref();
          client.once(Events.ClientReady, () => {
            clearTimeout(timer);
            resolve();
          });
        });
        await client.login(options.token);
        await ready;
        const synced = await syncCommands({
          rest: client.rest,
          db: options.db,
          commands: options.commands,
          guildId: options.guildId,
          onlyIfChanged: true,
        });
        logger.info(
          { guilds: client.guilds.cache.size, commands: synced.count, scope: synced.scope, registered: synced.changed },
          'discord ready',
        );
        return { ok: true };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.error({ reason: message }, 'discord failed to start; the rest of the service runs on');
        return { ok: false, error: message };
      }
    },
    async stop() {
      clearInterval(housekeeping);
      await client.destroy();
    },
  };
}
