import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
} from 'discord.js';
import type { Logger } from 'pino';
import { runCommand } from '../../../commands/run-command.js';
import type { CommandContext, RawArgs, Reply, TopCommand } from '../../../commands/types.js';
import { optionLines, usageLine } from '../../../commands/usage.js';
import { suggestLabs, suggestModels, suggestOrgs } from '../../queries/suggestions.js';
import { claimInteraction } from './claim-interaction.js';
import { findCommand, findOption } from './find-command.js';
import { destinationOf, workspaceId } from './ids.js';
import { renderReply } from './render-reply.js';

// Discord drops an interaction not answered within 3 s: past this, defer and edit later.
const DEFER_AFTER_MS = 2_000;

function leafOptions(options: readonly CommandInteractionOption[]): readonly CommandInteractionOption[] {
  const sub = options.find((o) => o.options !== undefined);
  return sub ? (sub.options ?? []) : options;
}

function rawArgs(interaction: ChatInputCommandInteraction): RawArgs {
  return Object.fromEntries(
    leafOptions(interaction.options.data).map((o) => [o.name, o.value as string | number | boolean | undefined]),
  );
}

function payload(reply: Reply) {
  return {
    ...renderReply(reply),
    allowedMentions: { parse: [] },
    ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

async function answerCommand(
  interaction: ChatInputCommandInteraction,
  commands: readonly TopCommand[],
  ctx: CommandContext,
): Promise<void> {
  const found = findCommand(commands, interaction.commandName, interaction.options.getSubcommand(false));
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
  const invocation = {
    workspace: { id: workspaceId(interaction.guildId), platform: 'discord' },
    channel: { id: interaction.channelId, destination: destinationOf(interaction.guildId, interaction.channelId) },
    user: {
      id: interaction.user.id,
      isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    },
    args,
  };
  const usage = [usageLine(found.path, found.command, 'discord'), ...optionLines(found.command)];
  const running = runCommand(ctx, found.command, invocation, { usage });
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), DEFER_AFTER_MS)));
  const first = await Promise.race([running, slow]);
  clearTimeout(timer);
  if (first !== 'slow') {
    await interaction.reply(payload(first));
    return;
  }
  // The answer's visibility is not known yet: guess from what was asked, then edit.
  const ephemeral = !(found.command.admin || args.share === true);
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const reply = await running;
  await interaction.editReply({ ...renderReply(reply), allowedMentions: { parse: [] } });
}

async function answerAutocomplete(
  interaction: AutocompleteInteraction,
  commands: readonly TopCommand[],
  ctx: CommandContext,
): Promise<void> {
  const found = findCommand(commands, interaction.commandName, interaction.options.getSubcommand(false));
  const focused = interaction.options.getFocused(true);
  const option = found ? findOption(found.command, focused.name) : undefined;
  const kind = option?.type === 'string' ? option.autocomplete : undefined;
  const text = String(focused.value);
  // A list option completes its last item and keeps the ones before.
  const isList = option?.type === 'string' && option.format === 'list';
  const cut = isList ? text.lastIndexOf(',') + 1 : 0;
  const typed = text.slice(cut).trim();
  const suggest =
    kind === 'lab' ? suggestLabs : kind === 'org' ? suggestOrgs : kind === 'model' ? suggestModels : undefined;
  const values = suggest ? await suggest(ctx.db, typed) : [];
  const choices = values
    .map((v) => `${text.slice(0, cut)}${v}`)
    .filter((v) => v.length <= 100)
    .slice(0, 25)
    .map((v) => ({ name: v, value: v }));
  await interaction.respond(choices);
}

/** Answers slash commands and autocomplete; every failure is caught and logged here, once. */
export function createInteractionHandler(commands: readonly TopCommand[], ctx: CommandContext, logger: Logger) {
  return async (interaction: Interaction): Promise<void> => {
    try {
      if (interaction.isAutocomplete()) await answerAutocomplete(interaction, commands, ctx);
      else if (interaction.isChatInputCommand() && (await claimInteraction(ctx.db, interaction.id)))
        await answerCommand(interaction, commands, ctx);
    } catch (error) {
      logger.warn({ err: error, interaction: interaction.id }, 'discord interaction could not be answered');
    }
  };
}
