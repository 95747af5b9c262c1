import { UserError } from '../src/shared/user-error.js';
import { linkReply } from './command-refs.js';
import type { CommandContext, CommandDef, Inline, Invocation, RawArgs, Reply, TopCommand } from './types.js';
import { validateArgs } from './validate-args.js';

/** The option every read-only command takes on every platform: post the answer for everyone. */
export const SHARE_OPTION = {
  type: 'boolean',
  name: 'share',
  description: 'Post the answer in the channel for everyone',
  default: false,
} as const;

/** `like this` in a message becomes code, the rest plain text. */
function withCode(message: string): Inline[] {
  return message
    .split(/`([^`]+)`/)
    .map((part, i) => (i % 2 === 1 ? { code: part } : part))
    .filter((p) => p !== '');
}

/** A mistake, answered only to the asker, with how to call the command when that helps. */
export function errorReply(
  message: string,
  usage: readonly (readonly Inline[])[] = [],
  commands: readonly TopCommand[] = [],
): Reply {
  const lines = usage.flatMap((line, i) => (i === 0 ? [...line] : ['\n', ...line]));
  const reply: Reply = {
    ephemeral: true,
    error: true,
    blocks: [
      { type: 'text', text: withCode(message) },
      ...(lines.length ? [{ type: 'note' as const, text: lines }] : []),
    ],
  };
  return linkReply(reply, commands);
}

/**
 * Runs one command for any platform, catching each kind of failure in one place: a user's mistake
 * (bad input, not an admin) is a clear ephemeral reply and changes nothing; anything else is logged
 * with its stack and answered with a generic apology. Commands a reply names become references.
 */
export async function runCommand(
  ctx: CommandContext,
  command: CommandDef,
  invocation: Omit<Invocation, 'args'> & { args: RawArgs },
  options: { usage?: readonly (readonly Inline[])[] } = {},
): Promise<Reply> {
  try {
    if (command.admin && !invocation.user.isAdmin) {
      return errorReply(
        'Only workspace admins can do that (Manage Server on Discord; an admin or owner on Slack).',
        [],
        ctx.commands,
      );
    }
    const { share, ...args } = validateArgs(
      { ...command, options: [...command.options, SHARE_OPTION] },
      invocation.args,
    );
    const reply = await command.run(ctx, { ...invocation, args } as Parameters<CommandDef['run']>[1]);
    return linkReply(share === true ? { ...reply, ephemeral: false } : reply, ctx.commands);
  } catch (error) {
    if (error instanceof UserError) return errorReply(error.message, options.usage, ctx.commands);
    ctx.logger.error({ err: error, command: command.name, workspace: invocation.workspace.id }, 'command crashed');
    return errorReply('Sorry, something went wrong on our side. The error was logged; please try again in a moment.');
  }
}
