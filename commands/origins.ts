import { countryName, flag } from '../src/format/flag.js';
import { formatCount } from '../src/format/numbers.js';
import { ORIGIN_METRICS, type OriginMetric } from '../src/ports/models.js';
import { defineCommand } from './types.js';

// Shares are of the whole, so the labs cut off after the top 10 still count in each lab's share.
function shares(rows: { label: string; value: number }[], total: number) {
  return rows.map((r) => ({ ...r, share: total > 0 ? r.value / total : 0 }));
}

export const originsCommand = defineCommand({
  name: 'origins',
  description: 'Where models come from: share by country and by lab',
  options: [
    { type: 'integer', name: 'days', description: 'The window in days (1-365)', min: 1, max: 365, default: 30 },
    {
      type: 'string',
      name: 'metric',
      description: 'Count releases, or sum downloads or likes of models created in the window',
      choices: ORIGIN_METRICS,
      default: 'releases',
    },
  ] as const,
  async run(ctx, { workspace, args }) {
    const metric = args.metric as OriginMetric;
    const since = new Date(ctx.now().getTime() - args.days * 86_400_000);
    const byLab = await ctx.services.models.originsByLab({ workspaceId: workspace.id, metric, since });
    const title = `Origins of the last ${args.days === 1 ? 'day' : `${args.days} days`} by ${metric}`;
    if (byLab.every((r) => r.value === 0))
      return {
        ephemeral: true,
        title,
        blocks: [{ type: 'text', text: ['Nothing in this window among the labs tracked here.'] }],
      };
    const total = byLab.reduce((sum, r) => sum + r.value, 0);
    const countries = new Map<string, number>();
    for (const row of byLab) countries.set(row.country, (countries.get(row.country) ?? 0) + row.value);
    const countryRows = shares(
      [...countries]
        .sort((a, b) => b[1] - a[1])
        .map(([code, value]) => ({ label: `${flag(code)} ${countryName(code) ?? code}`, value })),
      total,
    );
    const labRows = shares(
      byLab
        .filter((r) => r.value > 0)
        .slice(0, 10)
        .map((r) => ({ label: `${flag(r.country)} ${r.key}`, value: r.value })),
      total,
    );
    return {
      ephemeral: true,
      title,
      blocks: [
        { type: 'text', text: [{ bold: 'By country' }] },
        { type: 'bars', rows: countryRows },
        { type: 'text', text: [{ bold: 'By lab' }] },
        { type: 'bars', rows: labRows },
        {
          type: 'note',
          text: [
            `Total: ${formatCount(total)} ${metric}${byLab.length > 10 ? ` · top 10 of ${byLab.length} labs` : ''}`,
          ],
        },
      ],
    };
  },
});
