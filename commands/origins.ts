import { UserError } from '../src/shared/user-error.js';
import { ORIGIN_VIEWS, type OriginMetric, type OriginView, type PopularityMetric } from '../src/ports/models.js';
import { ecosystemReply, shareReply, timelineReply, topReply } from './origins-views.js';
import { defineCommand } from './types.js';

const METRICS = ['releases', 'downloads', 'likes', 'trending'] as const;
const TIMELINE_START = '2025-01';
const MOST_MONTHS = 36;

function monthIndex(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return year * 12 + m - 1;
}

function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** `YYYY-MM`, not in the future. */
function parseMonth(value: string, now: Date): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value))
    throw new UserError(`\`since\` must be a month as YYYY-MM, not "${value}"`);
  if (monthIndex(value) > now.getUTCFullYear() * 12 + now.getUTCMonth())
    throw new UserError(`\`since\` ${value} is in the future`);
  return value;
}

export const originsCommand = defineCommand({
  name: 'origins',
  description: 'Where models come from: shares, the monthly flood, the top models, what is built on whom',
  options: [
    {
      type: 'string',
      name: 'view',
      description: 'share (default), timeline by month, top models, or ecosystem of derivatives',
      choices: ORIGIN_VIEWS,
      default: 'share',
    },
    { type: 'integer', name: 'days', description: 'share: the window in days (1-365)', min: 1, max: 365, default: 30 },
    {
      type: 'string',
      name: 'since',
      description: 'share and timeline: from this month (YYYY-MM; timeline default 2025-01)',
      maxLength: 7,
      example: '2025-01',
    },
    {
      type: 'string',
      name: 'metric',
      description: 'share: releases, downloads or likes (default releases); top: downloads, likes or trending',
      choices: METRICS,
    },
    { type: 'integer', name: 'limit', description: 'top: how many models (1-50)', min: 1, max: 50, default: 12 },
  ] as const,
  async run(ctx, { workspace, args }) {
    const view = args.view as OriginView;
    const now = ctx.now();
    const since = args.since === undefined ? undefined : parseMonth(args.since, now);
    const workspaceId = workspace.id;
    switch (view) {
      case 'timeline': {
        const from = since ?? TIMELINE_START;
        const earliest = monthOf(now.getUTCFullYear() * 12 + now.getUTCMonth() - (MOST_MONTHS - 1));
        if (monthIndex(from) < monthIndex(earliest))
          throw new UserError(`\`since\`: the timeline shows at most ${MOST_MONTHS} months, from ${earliest} on`);
        return timelineReply(await ctx.services.models.timeline({ workspaceId, since: from, now }));
      }
      case 'top': {
        const metric = (args.metric ?? 'downloads') as PopularityMetric | 'releases';
        if (metric === 'releases') throw new UserError('`metric` for view:top is downloads, likes or trending');
        const top = await ctx.services.models.originsTop({ workspaceId, metric, limit: args.limit });
        return topReply(ctx.hubUrl, top, { metric, limit: args.limit });
      }
      case 'ecosystem':
        return ecosystemReply(ctx.hubUrl, await ctx.services.models.ecosystem({ workspaceId, limit: 5 }));
      case 'share': {
        const metric = (args.metric ?? 'releases') as OriginMetric | 'trending';
        if (metric === 'trending') throw new UserError('`metric` for view:share is releases, downloads or likes');
        const from = since ? new Date(`${since}-01T00:00:00Z`) : new Date(now.getTime() - args.days * 86_400_000);
        const window = since ? `since ${since}` : `of the last ${args.days === 1 ? 'day' : `${args.days} days`}`;
        const byLab = await ctx.services.models.originsByLab({ workspaceId, metric, since: from });
        return shareReply(byLab, { metric, window });
      }
    }
  },
});
