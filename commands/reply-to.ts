import { commandDuration } from '../src/shared/metrics.js';
import { findByPath } from './find-command.js';
import { errorReply, runCommand } from './run-command.js';
import type { CommandContext, Invocation, RawArgs, Reply } from './types.js';
import { commandUsage, overviewUsage } from './usage.js';

/** A command as a platform received it: who asked where (already in neutral ids), which command, what values. */
export interface CommandCall extends Omit<Invocation, 'args'> {
  path: readonly string[];
  args: RawArgs;
}

/** Answers a call on any platform: the command's reply, or a mistake with the usage that helps. */
export async function replyTo(ctx: CommandContext, call: CommandCall): Promise<Reply> {
  const found = findByPath(ctx.commands, call.path);
  if (found === undefined) {
    return errorReply(
      `there is no command "${call.path.join(' ')}"; these exist:`,
      overviewUsage(ctx.commands),
      ctx.commands,
    );
  }
  const { path: _path, ...invocation } = call;
  const done = commandDuration.startTimer({ command: found.path.join(' '), platform: call.workspace.platform });
  try {
    return await runCommand(ctx, found.command, invocation, { usage: commandUsage(found.path, found.command) });
  } finally {
    done();
  }
}
