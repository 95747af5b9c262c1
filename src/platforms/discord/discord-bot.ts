import { Client, Events, GatewayIntentBits, REST } from 'discord.js';
import type { CommandContext } from '../../../commands/types.js';
import type { Platform, PlatformDeps } from '../platform.js';
import { createAlertRest, createDiscordAlertAdapter } from './alert-adapter.js';
import { forgetInteractions } from './claim-interaction.js';
import { createInteractionHandler } from './handle-interaction.js';
import { destinationOf, workspaceId } from './ids.js';
import { plainReply } from '../plain-reply.js';
import { replyToRequest } from '../reply-to-request.js';
import { spellCommand } from './markdown.js';
import { renderReplyWithChart } from './reply-message.js';
import { syncCommands } from './sync-commands.js';

export interface DiscordOptions extends PlatformDeps {
  token: string;
  /** REST base such as `https://discord.com/api` or a proxy; the gateway URL comes from it. */
  apiUrl?: string | undefined;
  guildId?: string | undefined;
}

export function createRest(token: string, apiUrl: string | undefined): REST {
  return new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
}

/**
 * The Discord side of the service: the gateway client for commands and REST for alerts. Replicas
 * that share the token answer each interaction once (the first to claim it in the database).
 */
export function createDiscordBot(options: DiscordOptions): Platform {
  const logger = options.logger.child({ platform: 'discord' });
  const { services, commands } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  });
  client.rest.setToken(options.token);
  const ctx: CommandContext = { services, commands, now: options.now, hubUrl: options.hubUrl, logger };
  const adapter = createDiscordAlertAdapter({
    rest: createAlertRest(options.token, options.apiUrl, { replicas: options.replicas }),
    hubUrl: options.hubUrl,
    logger,
  });

  const platform: Platform = {
    platform: adapter.platform,
    postAlert: adapter.postAlert.bind(adapter),
    postNotice: adapter.postNotice.bind(adapter),
    ...(adapter.postDigest ? { postDigest: adapter.postDigest.bind(adapter) } : {}),
    async answer(request) {
      const reply = await replyToRequest(ctx, request, {
        platform: 'discord',
        workspace: workspaceId,
        destination: destinationOf,
      });
      const body = await renderReplyWithChart(reply, logger);
      return { ephemeral: reply.ephemeral, text: plainReply(reply, spellCommand), body };
    },
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
          settings: services.settings,
          commands,
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

  client.on(
    Events.InteractionCreate,
    createInteractionHandler({ commands, services, answer: (request) => platform.answer(request), logger }),
  );
  client.on(Events.Error, (error) => logger.warn({ err: error }, 'discord client error'));
  const housekeeping = setInterval(() => {
    forgetInteractions(services.settings, options.now()).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not forget old interactions'),
    );
  }, 3_600_000);
  housekeeping.unref();
  return platform;
}
