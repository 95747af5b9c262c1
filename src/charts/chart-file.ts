import type { ChartSpec } from '../../commands/types.js';
import { countryName } from '../format/flag.js';

/** The name a chart is attached or uploaded under (Discord's embed refers to it as attachment://chart.png). */
export const CHART_FILE_NAME = 'chart.png';

/** What the chart shows, in words, for screen readers (Discord's attachment description, Slack's alt text). */
export function chartAltText(spec: ChartSpec): string {
  const name = (key: string) => (spec.byCountry && countryName(key)) || key;
  const totals = new Map<string, number>();
  for (const p of spec.points) {
    const key = spec.kind === 'bars' ? p.x : p.series;
    totals.set(key, (totals.get(key) ?? 0) + p.value);
  }
  const parts = [...totals]
    .sort((a, b) => (spec.kind === 'bars' ? 0 : b[1] - a[1]))
    .slice(0, 5)
    .map(([key, value]) => `${name(key)} ${Math.round(value * 10) / 10}`);
  const shape = spec.kind === 'stacked-bars' ? 'Stacked bar chart' : 'Bar chart';
  return `${shape}: ${spec.title}. ${parts.join(', ')}${totals.size > 5 ? ', …' : ''}.`.slice(0, 1000);
}
