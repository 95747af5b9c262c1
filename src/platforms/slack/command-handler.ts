import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import { parseCommandText } from '../../../commands/parse-text.js';
import { errorReply } from '../../../commands/run-command.js';
import type { Reply, TopCommand } from '../../../commands/types.js';
import type { Answer, CommandRequest } from '../platform.js';
import { within } from '../../shared/within.js';
import type { AdminCheck } from './admin-check.js';
import { decodeCommandText } from './command-text.js';
import { renderReply } from './render-reply.js';

/** The body of an ack or a respond(): who sees it, and what it says. */
export interface SlackReplyBody {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: ReturnType<typeof renderReply>['blocks'];
}

export interface CommandHandlerDeps {
  commands: readonly TopCommand[];
  /** The platform's own answer: runs the command and renders the reply as a SlackReplyBody. */
  answer(request: CommandRequest): Promise<Answer>;
  admins: AdminCheck;
  logger: Logger;
  /** How long an answer may take and still be the ack itself; Slack waits 3 s for the ack. */
  ackBudgetMs: number;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export const WORKING_ON_IT = { response_type: 'ephemeral', text: 'Working on it…' } as const;

export function toBody(reply: Reply): SlackReplyBody {
  return { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', ...renderReply(reply) };
}

/** Parses the text, checks admin status when the subcommand needs it, and answers; never throws. */
async function answer(
  deps: CommandHandlerDeps,
  { command, client }: Pick<CommandArgs, 'command' | 'client'>,
): Promise<SlackReplyBody> {
  try {
    const parsed = parseCommandText(decodeCommandText(command.text ?? ''), deps.commands);
    if (!parsed.ok) return toBody(errorReply(parsed.error, parsed.usage, deps.commands));
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
    const answered = await deps.answer({
      workspaceId: command.team_id,
      channelId: command.channel_id,
      userId: command.user_id,
      isAdmin,
      path: parsed.path,
      args: parsed.args,
    });
    return answered.body as SlackReplyBody;
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
