import { MODES, type Mode } from '../src/subscriptions/modes.js';
import { describeReportTime, parseTimeZone, WEEKDAYS, type ReportTime } from '../src/subscriptions/report-time.js';
import { formatTime } from '../src/format/numbers.js';
import type { SubscriptionView } from '../src/ports/subscriptions.js';
import { UserError } from '../src/shared/user-error.js';
import { defineCommand, type CommandGroup, type Inline } from './types.js';

function describeFilters(
  s: Pick<SubscriptionView, 'labs' | 'countries' | 'tasks' | 'minParamsB' | 'variants' | 'mode' | 'changes' | 'report'>,
): string {
  const parts = [
    s.labs.length ? `labs ${s.labs.join(', ')}` : 'every tracked lab',
    s.countries.length ? `countries ${s.countries.join(', ')}` : undefined,
    s.tasks.length ? `tasks ${s.tasks.join(', ')}` : undefined,
    s.minParamsB != null ? `at least ${s.minParamsB}B parameters` : undefined,
    s.variants ? 'variants too' : undefined,
    s.mode === 'report' ? `weekly report ${describeReportTime(s.report)}` : s.mode,
    s.changes ? 'changes too (license, gating, withdrawn)' : undefined,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** The report's day, hour and zone: only for mode:report, each checked before anything changes. */
function reportTime(
  mode: string,
  args: { day?: string | undefined; hour?: number | undefined; tz?: string | undefined },
): ReportTime {
  const given = [args.day && '`day`', args.hour !== undefined && '`hour`', args.tz && '`tz`'].filter(Boolean);
  if (mode !== 'report' && given.length > 0)
    throw new UserError(`${given.join(', ')} only apply to mode:report (the weekly report); nothing was changed`);
  return {
    day: args.day ? WEEKDAYS.indexOf(args.day as (typeof WEEKDAYS)[number]) + 1 : 1,
    hour: args.hour ?? 9,
    tz: args.tz ? zoneOption(args.tz) : 'UTC',
  };
}

function zoneOption(text: string): string {
  try {
    return parseTimeZone(text);
  } catch (error) {
    // The parser speaks of the value only; the user also needs to know which option was wrong.
    if (error instanceof UserError) throw new UserError(`\`tz\`: ${error.message}`);
    throw error;
  }
}

const subscribeCommand = defineCommand({
  name: 'subscribe',
  description: 'Send release alerts to this channel, optionally filtered (admins)',
  admin: true,
  options: [
    {
      type: 'string',
      name: 'labs',
      description: 'Only these labs: names or Hub orgs, comma-separated',
      format: 'list',
      autocomplete: 'lab',
      maxLength: 500,
      example: 'DeepSeek,Qwen',
    },
    {
      type: 'string',
      name: 'countries',
      description: 'Only labs from these countries: ISO codes, comma-separated',
      format: 'countries',
      maxLength: 100,
      example: 'CN,US',
    },
    {
      type: 'string',
      name: 'tasks',
      description: 'Only these Hub tasks, comma-separated',
      format: 'list',
      maxLength: 300,
      example: 'text-generation',
    },
    {
      type: 'number',
      name: 'min_params_b',
      description: 'Only models with at least this many billion parameters',
      min: 0,
      max: 100_000,
      example: '7',
    },
    {
      type: 'boolean',
      name: 'variants',
      description: 'Also alert releases made only of quantizations and re-uploads',
      default: false,
    },
    {
      type: 'string',
      name: 'mode',
      description: 'Instant alerts, a daily or weekly digest, or a weekly report instead of alerts',
      choices: MODES,
      default: 'instant',
    },
    {
      type: 'boolean',
      name: 'changes',
      description: 'Also post when a released model changes its license, gating, or is withdrawn',
      default: false,
    },
    {
      type: 'string',
      name: 'day',
      description: 'mode:report only: the day of the weekly report (default mon)',
      choices: WEEKDAYS,
    },
    {
      type: 'integer',
      name: 'hour',
      description: 'mode:report only: the hour of the weekly report, 0-23 (default 9)',
      min: 0,
      max: 23,
      example: '9',
    },
    {
      type: 'string',
      name: 'tz',
      description: 'mode:report only: the time zone of day and hour, e.g. Europe/Paris (default UTC)',
      maxLength: 64,
      example: 'Europe/Paris',
    },
  ] as const,
  async run(ctx, { workspace, channel, user, args }) {
    const labs = args.labs ? await ctx.services.labs.resolveList(args.labs) : [];
    const untracked = await ctx.services.labs.untrackedOf(workspace.id, labs);
    if (untracked.length > 0) {
      throw new UserError(
        `${untracked.map((l) => l.name).join(', ')} ${untracked.length > 1 ? 'are' : 'is'} not tracked here, ` +
          'so no alert would come: /labs add an org of it first',
      );
    }
    const report = reportTime(args.mode, args);
    const filters = {
      labIds: labs.map((l) => l.id),
      countries: args.countries ? args.countries.split(',') : [],
      tasks: args.tasks ? args.tasks.toLowerCase().split(',') : [],
      minParamsB: args.min_params_b,
      variants: args.variants,
      mode: args.mode as Mode,
      changes: args.changes,
      report,
    };
    const { id, resumed } = await ctx.services.subscriptions.subscribe({
      workspaceId: workspace.id,
      platform: workspace.platform,
      destination: channel.destination,
      createdBy: user.id,
      now: ctx.now(),
      ...filters,
    });
    const summary = describeFilters({
      ...filters,
      labs: labs.map((l) => l.name),
      minParamsB: filters.minParamsB ?? null,
    });
    return {
      ephemeral: false,
      blocks: [
        { type: 'text', text: [`Subscribed this channel (#${id}): ${summary}.`] },
        ...(resumed
          ? [
              {
                type: 'note' as const,
                text: [`Resumed ${resumed} paused subscription${resumed > 1 ? 's' : ''} of this channel.`],
              },
            ]
          : []),
      ],
    };
  },
});

const unsubscribeCommand = defineCommand({
  name: 'unsubscribe',
  description: "Stop one of this channel's subscriptions, or all of them (admins)",
  admin: true,
  options: [
    {
      type: 'integer',
      name: 'id',
      description: 'The subscription number from /alerts list; all when left out',
      min: 1,
      max: 2_147_483_647,
      example: '3',
    },
  ] as const,
  async run(ctx, { workspace, channel, args }) {
    const removed = await ctx.services.subscriptions.unsubscribe({
      workspaceId: workspace.id,
      destination: channel.destination,
      id: args.id,
    });
    return {
      ephemeral: false,
      blocks: [
        {
          type: 'text',
          text: [`Removed subscription${removed.length > 1 ? 's' : ''} ${removed.map((id) => `#${id}`).join(', ')}.`],
        },
      ],
    };
  },
});

const listCommand = defineCommand({
  name: 'list',
  description: "This channel's subscriptions and their filters",
  options: [] as const,
  async run(ctx, { workspace, channel }) {
    const subs = await ctx.services.subscriptions.list({ workspaceId: workspace.id, destination: channel.destination });
    if (subs.length === 0)
      return {
        ephemeral: true,
        blocks: [
          { type: 'text', text: ['This channel has no subscriptions. An admin can add one with /alerts subscribe.'] },
        ],
      };
    const items = subs.map((s): Inline[] => [
      { bold: `#${s.id}` },
      ` ${describeFilters(s)}`,
      s.pausedAt
        ? ` · PAUSED since ${formatTime(s.pausedAt)}: ${s.pauseReason ?? 'the channel refused the last alert'}`
        : '',
    ]);
    const paused = subs.some((s) => s.pausedAt);
    return {
      ephemeral: true,
      title: 'Subscriptions of this channel',
      blocks: [
        { type: 'list', items },
        ...(paused
          ? [
              {
                type: 'note' as const,
                text: [
                  "A paused subscription holds its alerts. Fix the bot's access to this channel, " +
                    'then run /alerts subscribe to resume.',
                ],
              },
            ]
          : []),
      ],
    };
  },
});

export const alertsCommand: CommandGroup = {
  name: 'alerts',
  description: "This channel's release alerts",
  subcommands: [subscribeCommand, unsubscribeCommand, listCommand],
};
