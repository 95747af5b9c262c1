import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import { parseCommandText } from '../../../commands/parse-text.js';
import { errorReply, runCommand } from '../../../commands/run-command.js';
import type { CommandContext, Reply, TopCommand } from '../../../commands/types.js';
import type { AdminCheck } from './admin-check.js';
import { decodeCommandText } from './command-text.js';
import { destinationOf, workspaceId } from './ids.js';
import { renderReply } from './render-reply.js';
import { within } from './within.js';

/** The body of an ack or a respond(): who sees it, and what it says. */
export interface SlackReplyBody {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: ReturnType<typeof renderReply>['blocks'];
}

export interface CommandHandlerDeps {
  ctx: CommandContext;
  commands: readonly TopCommand[];
  admins: AdminCheck;
  logger: Logger;
  /** How long an answer may take and still be the ack itself; Slack waits 3 s for the ack. */
  ackBudgetMs: number;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export const WORKING_ON_IT = { response_type: 'ephemeral', text: 'Working on it…' } as const;

function toBody(reply: Reply): SlackReplyBody {
  return { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', ...renderReply(reply) };
}

/** Parses, checks admin status when the subcommand needs it, and runs the command; never throws. */
async function answer(
  deps: CommandHandlerDeps,
  { command, client }: Pick<CommandArgs, 'command' | 'client'>,
): Promise<SlackReplyBody> {
  try {
    const parsed = parseCommandText(decodeCommandText(command.text ?? ''), deps.commands);
    if (!parsed.ok) return toBody(errorReply(parsed.error, parsed.usage));
    let isAdmin = false;
    if (parsed.command.admin) {
      const status = await deps.admins.check(client, command.team_id, command.user_id);
      if (!status.known) {
        return toBody(
          errorReply(
            `Slack could not say whether you are a workspace admin just now (${status.reason}); ` +
              'please try again in a moment.',
          ),
        );
      }
      isAdmin = status.admin;
    }
    const reply = await runCommand(
      deps.ctx,
      parsed.command,
      {
        workspace: { id: workspaceId(command.team_id), platform: 'slack' },
        channel: { id: command.channel_id, destination: destinationOf(command.team_id, command.channel_id) },
        user: { id: command.user_id, isAdmin },
        args: parsed.args,
      },
      { usage: parsed.usage },
    );
    return toBody(reply);
  } catch (error) {
    deps.logger.error({ err: error, team: command.team_id }, 'slack command crashed');
    return toBody(
      errorReply('Sorry, something went wrong on our side. The error was logged; please try again in a moment.'),
    );
  }
}

/**
 * `/floodwatch …`: an answer ready within the budget is the ack itself; a slower one is acked with
 * "working on it" and sent through the response URL. Replies never go through the Web API client
 * (only the admin check's users.info does, and that client rejects rate-limited calls instead of
 * waiting), so a channel that is rate limited for alerts never holds up a reply.
 */
export function createCommandHandler(deps: CommandHandlerDeps) {
  return async (args: CommandArgs): Promise<void> => {
    const pending = answer(deps, args);
    const ready = await within(pending, deps.ackBudgetMs);
    if (ready) {
      await args.ack(ready);
      return;
    }
    await args.ack(WORKING_ON_IT);
    const body = await pending;
    try {
      await args.respond(body);
    } catch (error) {
      deps.logger.warn({ err: error, team: args.command.team_id }, 'slack respond failed; the reply is lost');
    }
  };
}
