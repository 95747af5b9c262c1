import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import { parseCommandText } from '../../../commands/parse-text.js';
import { errorReply } from '../../../commands/run-command.js';
import type { ChartSpec, Reply, TopCommand } from '../../../commands/types.js';
import type { Answer, CommandRequest } from '../platform.js';
import { within } from '../../shared/within.js';
import type { AdminCheck } from './admin-check.js';
import { decodeCommandText } from './command-text.js';
import { renderReply } from './render-reply.js';
import { describeSlackError } from './slack-failure.js';
import { uploadChart } from './upload-chart.js';
import { mrkdwn } from './mrkdwn.js';

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

/** Said under an answer only its asker sees: a chart goes to the channel or nowhere. */
export const CHART_NOTE = 'Add `share:true` to post this answer in the channel with its chart.';

export function toBody(reply: Reply): SlackReplyBody {
  const rendered = renderReply(reply);
  const blocks =
    reply.chart && reply.ephemeral
      ? [...rendered.blocks, { type: 'context' as const, elements: [mrkdwn(CHART_NOTE)] }].slice(-50)
      : rendered.blocks;
  return { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', text: rendered.text, blocks };
}

interface Answered {
  body: SlackReplyBody;
  chart?: ChartSpec | undefined;
}

/** Parses the text, checks admin status when the subcommand needs it, and answers; never throws. */
async function answer(
  deps: CommandHandlerDeps,
  { command, client }: Pick<CommandArgs, 'command' | 'client'>,
): Promise<Answered> {
  try {
    const parsed = parseCommandText(decodeCommandText(command.text ?? ''), deps.commands);
    if (!parsed.ok) return { body: toBody(errorReply(parsed.error, parsed.usage, deps.commands)) };
    let isAdmin = false;
    if (parsed.command.admin) {
      const status = await deps.admins.check(client, command.team_id, command.user_id);
      if (!status.known) {
        return {
          body: toBody(
            errorReply(
              `Slack could not say whether you are a workspace admin just now (${status.reason}); ` +
                'please try again in a moment.',
            ),
          ),
        };
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
    return { body: answered.body as SlackReplyBody, chart: answered.chart };
  } catch (error) {
    deps.logger.error({ err: error, team: command.team_id }, 'slack command crashed');
    return {
      body: toBody(
        errorReply('Sorry, something went wrong on our side. The error was logged; please try again in a moment.'),
      ),
    };
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
      await args.ack(ready.body);
      await shareChart(deps, args, ready);
      return;
    }
    await args.ack(WORKING_ON_IT);
    const answered = await pending;
    try {
      await args.respond(answered.body);
    } catch (error) {
      deps.logger.warn({ err: error, team: args.command.team_id }, 'slack respond failed; the reply is lost');
      return;
    }
    await shareChart(deps, args, answered);
  };
}

/**
 * Uploads the chart of an answer posted in the channel, after it. A chart that cannot go (a private
 * channel without the app, a rate limit) is said to the asker only; the answer's text has the figures.
 */
async function shareChart(deps: CommandHandlerDeps, args: CommandArgs, answered: Answered): Promise<void> {
  if (!answered.chart || answered.body.response_type !== 'in_channel') return;
  const { channel_id: channel, team_id: team } = args.command;
  try {
    await uploadChart(args.client, channel, answered.chart);
  } catch (error) {
    const reason = describeSlackError(error);
    deps.logger.warn({ err: error, team, channel, reason }, 'slack chart upload failed');
    await args
      .respond({
        response_type: 'ephemeral',
        text: `The chart could not be posted here (${reason}); the answer above has the same figures.`,
      })
      .catch(() => undefined);
  }
}
