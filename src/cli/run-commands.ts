import { COMMANDS } from '../../commands/index.js';
import { createPostgresSettingsStore } from '../storage/settings.js';
import { UsageError } from './cli-error.js';
import { print, withContext, type CliIo } from './context.js';
import { parseCommand } from './parse.js';

/** `commands sync`: registers the slash commands with Discord in one bulk PUT. */
export async function runCommands(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'sync')
    throw new UsageError(
      sub === undefined ? 'commands needs a subcommand: sync' : `unknown commands subcommand "${sub}"`,
      'commands',
    );
  parseCommand(rest, {}, 'commands');
  return withContext(io, async ({ config, database }) => {
    if (!config.DISCORD_TOKEN) throw new UsageError('commands sync needs DISCORD_TOKEN in the environment', 'commands');
    const { createRest, syncCommands } = await import('../platforms/discord/index.js');
    const result = await syncCommands({
      rest: createRest(config.DISCORD_TOKEN, config.DISCORD_API_URL),
      settings: createPostgresSettingsStore(database.db),
      commands: COMMANDS,
      guildId: config.DISCORD_GUILD_ID,
    });
    print(io.out, `registered ${result.count} commands (${result.scope}) for application ${result.applicationId}`);
    if (!config.DISCORD_GUILD_ID)
      print(
        io.err,
        'global commands can take a while to appear; set DISCORD_GUILD_ID to register to one server at once',
      );
    return 0;
  });
}
