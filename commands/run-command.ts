import { UserError } from '../src/shared/user-error.js';
import type { CommandContext, CommandDef, Inline, Invocation, RawArgs, Reply } from './types.js';
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

export function errorReply(message: string, usage?: readonly string[]): Reply {
  return {
    ephemeral: true,
    blocks: [
      { type: 'text', text: withCode(message) },
      ...(usage?.length ? [{ type: 'note' as const, text: [usage.join('\n')] }] : []),
    ],
  };
}

/**
 * Runs one command for any platform, catching each kind of failure in one place: a user's mistake
 * (bad input, not an admin) is a clear ephemeral reply and changes nothing; anything else is logged
 * with its stack and answered with a generic apology.
 */
export async function runCommand(
  ctx: CommandContext,
  command: CommandDef,
  invocation: Omit<Invocation, 'args'> & { args: RawArgs },
  options: { usage?: readonly string[] } = {},
): Promise<Reply> {
  try {
    if (command.admin && !invocation.user.isAdmin) {
      return errorReply('Only workspace admins can do that (Manage Server on Discord; an admin or owner on Slack).');
    }
    const { share, ...args } = validateArgs(
      { ...command, options: [...command.options, SHARE_OPTION] },
      invocation.args,
    );
    const reply = await command.run(ctx, { ...invocation, args } as Parameters<CommandDef['run']>[1]);
    return share === true ? { ...reply, ephemeral: false } : reply;
  } catch (error) {
    if (error instanceof UserError) return errorReply(error.message, options.usage);
    ctx.logger.error({ err: error, command: command.name, workspace: invocation.workspace.id }, 'command crashed');
    return errorReply('Sorry, something went wrong on our side. The error was logged; please try again in a moment.');
  }
}
