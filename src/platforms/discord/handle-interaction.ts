import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
} from 'discord.js';
import type { Logger } from 'pino';
import { findCommand, findOption } from '../../../commands/find-command.js';
import type { RawArgs, TopCommand } from '../../../commands/types.js';
import type { Answer, CommandRequest } from '../platform.js';
import type { Services } from '../../ports/services.js';
import { within } from '../../shared/within.js';
import { claimInteraction } from './claim-interaction.js';
import type { DiscordReply } from './render-reply.js';
import { interactionMessage } from './reply-message.js';

// Discord drops an interaction not answered within 3 s: past this, defer and edit later.
const DEFER_AFTER_MS = 2_000;

export interface InteractionDeps {
  commands: readonly TopCommand[];
  services: Services;
  answer(request: CommandRequest): Promise<Answer>;
  logger: Logger;
}

function leafOptions(options: readonly CommandInteractionOption[]): readonly CommandInteractionOption[] {
  const sub = options.find((o) => o.options !== undefined);
  return sub ? (sub.options ?? []) : options;
}

function rawArgs(interaction: ChatInputCommandInteraction): RawArgs {
  return Object.fromEntries(
    leafOptions(interaction.options.data).map((o) => [o.name, o.value as string | number | boolean | undefined]),
  );
}

async function answerCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const found = findCommand(deps.commands, interaction.commandName, interaction.options.getSubcommand(false));
  if (!found || !interaction.inGuild()) {
    await interaction.reply({
      content: found
        ? 'floodwatch works in servers only.'
        : 'This command is no longer known; ask an admin to run `floodwatch commands sync`.',
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  const args = rawArgs(interaction);
  const running = deps.answer({
    workspaceId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    path: found.path,
    args,
  });
  const ready = await within(running, DEFER_AFTER_MS);
  if (ready) {
    await interaction.reply({
      ...interactionMessage(ready.body as DiscordReply),
      ...(ready.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
    });
    return;
  }
  // The answer's visibility is not known yet: guess from what was asked, then edit.
  const ephemeral = !(found.command.admin || args.share === true);
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const late = await running;
  await interaction.editReply(interactionMessage(late.body as DiscordReply));
}

async function answerAutocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const found = findCommand(deps.commands, interaction.commandName, interaction.options.getSubcommand(false));
  const focused = interaction.options.getFocused(true);
  const option = found ? findOption(found.command, focused.name) : undefined;
  const kind = option?.type === 'string' ? option.autocomplete : undefined;
  const text = String(focused.value);
  // A list option completes its last item and keeps the ones before.
  const isList = option?.type === 'string' && option.format === 'list';
  const cut = isList ? text.lastIndexOf(',') + 1 : 0;
  const typed = text.slice(cut).trim();
  const values = kind
    ? await deps.services.suggestions[kind === 'lab' ? 'labs' : kind === 'org' ? 'orgs' : 'models'](typed)
    : [];
  const choices = values
    .map((v) => `${text.slice(0, cut)}${v}`)
    .filter((v) => v.length <= 100)
    .slice(0, 25)
    .map((v) => ({ name: v, value: v }));
  await interaction.respond(choices);
}

/** Answers slash commands and autocomplete; every failure is caught and logged here, once. */
export function createInteractionHandler(deps: InteractionDeps) {
  return async (interaction: Interaction): Promise<void> => {
    try {
      if (interaction.isAutocomplete()) await answerAutocomplete(interaction, deps);
      else if (interaction.isChatInputCommand() && (await claimInteraction(deps.services.settings, interaction.id)))
        await answerCommand(interaction, deps);
    } catch (error) {
      deps.logger.warn({ err: error, interaction: interaction.id }, 'discord interaction could not be answered');
    }
  };
}
