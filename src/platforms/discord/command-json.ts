import {
  ApplicationCommandOptionType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { SHARE_OPTION } from '../../../commands/run-command.js';
import { isGroup, type CommandDef, type OptionDef, type TopCommand } from '../../../commands/types.js';

type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;
type OptionJson = NonNullable<CommandJson['options']>[number];

const TYPE = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  boolean: ApplicationCommandOptionType.Boolean,
} as const;

const GUILD_ONLY = [0];

function optionJson(option: OptionDef): OptionJson {
  const base = { name: option.name, description: option.description.slice(0, 100), required: option.required ?? false };
  if (option.type === 'string') {
    return {
      ...base,
      type: TYPE.string,
      ...(option.choices ? { choices: option.choices.map((c) => ({ name: c, value: c })) } : {}),
      ...(option.autocomplete && !option.choices ? { autocomplete: true } : {}),
      ...(option.maxLength ? { max_length: option.maxLength } : {}),
    } as OptionJson;
  }
  if (option.type === 'boolean') return { ...base, type: TYPE.boolean } as OptionJson;
  return { ...base, type: TYPE[option.type], min_value: option.min, max_value: option.max } as OptionJson;
}

function optionsOf(command: CommandDef): OptionJson[] {
  // Required options must come first on Discord.
  const options: OptionDef[] = command.admin ? [...command.options] : [...command.options, SHARE_OPTION];
  return options.sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false)).map(optionJson);
}

/**
 * Discord's JSON for the command set. A command whose every subcommand is for admins carries
 * `default_member_permissions` Manage Server; a mixed group (`/labs list` is for everyone) cannot,
 * so its admin subcommands rely on the check at run time, which every command gets anyway.
 */
export function discordCommands(commands: readonly TopCommand[]): CommandJson[] {
  return commands.map((command) => {
    const adminOnly = isGroup(command) ? command.subcommands.every((s) => s.admin) : Boolean(command.admin);
    return {
      name: command.name,
      description: command.description.slice(0, 100),
      contexts: GUILD_ONLY,
      ...(adminOnly ? { default_member_permissions: String(PermissionFlagsBits.ManageGuild) } : {}),
      options: isGroup(command)
        ? command.subcommands.map(
            (sub) =>
              ({
                type: ApplicationCommandOptionType.Subcommand,
                name: sub.name,
                description: `${sub.description}`.slice(0, 100),
                options: optionsOf(sub),
              }) as OptionJson,
          )
        : optionsOf(command),
    } as CommandJson;
  });
}
