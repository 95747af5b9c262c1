import { formatCount } from '../src/format/numbers.js';
import { RANKING_METRICS, type RankingMetric } from '../src/ports/models.js';
import { labLabel, repoLink, sizeOf } from './render-helpers.js';
import { defineCommand, type Inline } from './types.js';

export const rankingsCommand = defineCommand({
  name: 'rankings',
  description: 'Top models among the labs this workspace tracks',
  options: [
    {
      type: 'string',
      name: 'metric',
      description: 'Rank by downloads (30 days), likes or trending score',
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
  ] as const,
  async run(ctx, { workspace, args }) {
    const metric = args.metric as RankingMetric;
    const top = await ctx.services.models.top({
      workspaceId: workspace.id,
      metric,
      country: args.country,
      task: args.task?.toLowerCase(),
      limit: args.limit,
    });
    const scope = [args.country, args.task].filter(Boolean).join(', ');
    const title = `Top ${args.limit} by ${metric}${scope ? ` (${scope})` : ''}`;
    if (top.length === 0)
      return {
        ephemeral: true,
        title,
        blocks: [{ type: 'text', text: ['No models match among the labs tracked here yet.'] }],
      };
    const items = top.map((m, i): Inline[] => {
      const value =
        metric === 'trending'
          ? `trending ${Math.round(m.trendingScore)}`
          : metric === 'likes'
            ? `${formatCount(m.likes)} likes`
            : `${formatCount(m.downloads)} downloads`;
      const facts = [sizeOf(m.params), m.task].filter(Boolean);
      return [
        `${i + 1}. `,
        repoLink(ctx.hubUrl, m.repo),
        ` · ${labLabel({ name: m.lab, country: m.country })} · `,
        { bold: value },
        facts.length ? ` · ${facts.join(' · ')}` : '',
      ];
    });
    return {
      ephemeral: true,
      title,
      blocks: [
        { type: 'list', items },
        { type: 'note', text: ['Downloads are the last 30 days, as the Hub counts them.'] },
      ],
    };
  },
});
