import { formatCount } from '../src/format/numbers.js';
import type { GrowthRanking } from '../src/ports/models.js';
import { rankingChart } from './charts.js';
import { labLabel, repoLink } from './render-helpers.js';
import type { Inline, Reply } from './types.js';

function signed(n: number): string {
  return `${n >= 0 ? '+' : '−'}${formatCount(Math.abs(n))}`;
}

/** `/rankings metric:growth`: likes gained and the change of 30-day downloads, or why there is too little history. */
export function growthReply(
  hubUrl: string,
  ranking: GrowthRanking,
  options: { days: 7 | 30; limit: number; scope: string },
): Reply {
  const { days } = options;
  const title = `Top ${options.limit} by growth over ${days} days${options.scope ? ` (${options.scope})` : ''}`;
  const data = {
    metric: 'growth',
    days,
    ...(ranking.coverage ?? {}),
    models: ranking.models.map((m) => ({
      repo: m.repo,
      lab: m.lab,
      country: m.country,
      likes: m.likes,
      likesGained: m.likesGained,
      downloads: m.downloads,
      downloadsChange: m.downloadsChange,
    })),
  };
  if (ranking.models.length === 0) {
    const text =
      ranking.coverage?.eligible === 0
        ? 'No models match among the labs tracked here yet.'
        : `Too little history yet: growth over ${days} days compares with the metric snapshot of ${days} days ` +
          'ago, and no model here has one. The metrics refresh (METRICS_CRON) takes a snapshot every day.';
    return { ephemeral: true, title, blocks: [{ type: 'text', text: [text] }], data };
  }
  const items = ranking.models.map((m, i): Inline[] => [
    `${i + 1}. `,
    repoLink(hubUrl, m.repo),
    ` · ${labLabel({ name: m.lab, country: m.country })} · `,
    { bold: `${signed(m.likesGained)} likes` },
    ` · downloads ${signed(m.downloadsChange)}`,
  ]);
  const { eligible = 0, withHistory = 0 } = ranking.coverage ?? {};
  const missing = eligible - withHistory;
  const notes = [
    `Likes gained, and the change of the Hub's 30-day download count, since the snapshot of ${days} days ago.`,
    ...(missing > 0
      ? [`${formatCount(missing)} of ${formatCount(eligible)} models have too little history to rank yet.`]
      : []),
  ];
  return {
    ephemeral: true,
    title,
    blocks: [{ type: 'list', items }, ...notes.map((n) => ({ type: 'note' as const, text: [n] }))],
    data,
    chart: rankingChart(
      title,
      `likes gained over ${days} days`,
      ranking.models.map((m) => ({ repo: m.repo, country: m.country, value: m.likesGained })),
    ),
  };
}
