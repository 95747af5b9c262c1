import { formatCount } from '../src/format/numbers.js';
import { UserError } from '../src/shared/user-error.js';
import {
  GROWTH_DAYS,
  RANKING_METRICS,
  type PopularityMetric,
  type RankedModel,
  type RankingMetric,
} from '../src/ports/models.js';
import { rankingChart } from './charts.js';
import { growthReply } from './rankings-growth.js';
import { labLabel, repoLink, sizeOf } from './render-helpers.js';
import { defineCommand, type Inline } from './types.js';

/** One ranked model as a list item, with the figure it is ranked by in bold. */
export function rankedItem(hubUrl: string, m: RankedModel, rank: number, figure: string): Inline[] {
  const facts = [sizeOf(m.params), m.task].filter(Boolean);
  return [
    `${rank}. `,
    repoLink(hubUrl, m.repo),
    ` · ${labLabel({ name: m.lab, country: m.country })} · `,
    { bold: figure },
    facts.length ? ` · ${facts.join(' · ')}` : '',
  ];
}

const AXIS_TITLES: Record<PopularityMetric, string> = {
  downloads: 'downloads (last 30 days)',
  likes: 'likes',
  trending: 'trending score',
};

/** A model's figure for a popularity metric, as a number. */
export function figureValue(metric: PopularityMetric, m: { downloads: number; likes: number; trendingScore: number }) {
  return metric === 'trending' ? m.trendingScore : metric === 'likes' ? m.likes : m.downloads;
}

/** A model's figure for a popularity metric, worded. */
export function figureOf(metric: PopularityMetric, m: RankedModel): string {
  if (metric === 'trending') return `trending ${Math.round(m.trendingScore)}`;
  return metric === 'likes' ? `${formatCount(m.likes)} likes` : `${formatCount(m.downloads)} downloads`;
}

export const rankingsCommand = defineCommand({
  name: 'rankings',
  description: 'Top models among the labs this workspace tracks',
  options: [
    {
      type: 'string',
      name: 'metric',
      description: 'Rank by downloads (30 days), likes, trending score, or growth over days',
      choices: RANKING_METRICS,
      default: 'downloads',
    },
    {
      type: 'string',
      name: 'country',
      description: 'Only labs from this country (ISO code, e.g. CN)',
      format: 'country',
      example: 'CN',
    },
    {
      type: 'string',
      name: 'task',
      description: 'Only this Hub task, e.g. text-generation',
      maxLength: 60,
      example: 'text-generation',
    },
    { type: 'integer', name: 'limit', description: 'How many (1-25)', min: 1, max: 25, default: 10 },
    {
      type: 'string',
      name: 'days',
      description: 'For metric:growth, the window: 7 (default) or 30 days',
      choices: GROWTH_DAYS,
    },
  ] as const,
  async run(ctx, { workspace, args }) {
    const metric = args.metric as RankingMetric;
    const filters = { workspaceId: workspace.id, country: args.country, task: args.task?.toLowerCase() };
    const scope = [args.country, args.task].filter(Boolean).join(', ');
    if (metric === 'growth') {
      const days = args.days === '30' ? 30 : 7;
      const ranking = await ctx.services.models.growth({ ...filters, days, limit: args.limit });
      return growthReply(ctx.hubUrl, ranking, { days, limit: args.limit, scope });
    }
    if (args.days !== undefined) throw new UserError('`days` goes with metric:growth only');
    const top = await ctx.services.models.top({ ...filters, metric, limit: args.limit });
    const title = `Top ${args.limit} by ${metric}${scope ? ` (${scope})` : ''}`;
    if (top.length === 0)
      return {
        ephemeral: true,
        title,
        blocks: [{ type: 'text', text: ['No models match among the labs tracked here yet.'] }],
      };
    return {
      ephemeral: true,
      title,
      blocks: [
        { type: 'list', items: top.map((m, i) => rankedItem(ctx.hubUrl, m, i + 1, figureOf(metric, m))) },
        { type: 'note', text: ['Downloads are the last 30 days, as the Hub counts them.'] },
      ],
      chart: rankingChart(
        title,
        AXIS_TITLES[metric],
        top.map((m) => ({ repo: m.repo, country: m.country, value: figureValue(metric, m) })),
      ),
    };
  },
});
