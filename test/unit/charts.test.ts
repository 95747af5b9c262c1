import { describe, expect, it, vi } from 'vitest';
import type { ChartSpec } from '../../commands/types.js';
import {
  chartAltText,
  countryColor,
  createChartRenderer,
  renderChart,
  renderChartSvg,
} from '../../src/charts/index.js';
import { chartOption } from '../../src/charts/chart-option.js';
import { isChartPng, pngHeader } from '../helpers/png.js';

const MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04'];
const TIMELINE: ChartSpec = {
  kind: 'stacked-bars',
  title: 'Releases per month since 2025-01, by country',
  xTitle: 'month (UTC)',
  yTitle: 'releases',
  byCountry: true,
  points: MONTHS.flatMap((x, i) => [
    { x, series: 'CN', value: 10 + i },
    { x, series: 'US', value: 4 },
    { x, series: 'FR', value: i % 2 },
  ]),
};
const RANKING: ChartSpec = {
  kind: 'bars',
  title: 'Top 3 by downloads',
  yTitle: 'downloads (last 30 days)',
  byCountry: true,
  points: [
    { x: 'Qwen/Qwen3-8B', series: 'CN', value: 5_400_000 },
    { x: 'meta-llama/Llama-3.1-8B-Instruct', series: 'US', value: 4_100_000 },
    { x: 'mistralai/Mistral-Small-24B', series: 'FR', value: 900_000 },
  ],
};

function seriesColors(spec: ChartSpec): Record<string, string> {
  const option = chartOption(spec) as { series: { name: string; itemStyle: { color: string } }[] };
  return Object.fromEntries(option.series.map((s) => [s.name, s.itemStyle.color]));
}

describe('charts', () => {
  it.each([
    ['stacked bars', TIMELINE],
    ['bars', RANKING],
  ])('draws %s as a 960×540 PNG of a sane size', async (_kind, spec) => {
    const png = await renderChart(spec);

    expect(pngHeader(png)).toEqual({ width: 960, height: 540 });
    expect(isChartPng(png)).toBe(true);
  });

  it('draws the same bytes every time, whatever was drawn before', async () => {
    const first = await renderChart(TIMELINE);
    await renderChart(RANKING);
    const again = await renderChart(TIMELINE);

    expect(again.equals(first)).toBe(true);
    expect((await renderChart(RANKING)).equals(first)).toBe(false);
  });

  it('names countries by code and name, in the shipped font only, without emoji', async () => {
    const svg = await renderChartSvg(TIMELINE);

    expect(svg).toContain('CN China');
    expect(svg).toContain('US United States');
    const families = new Set([...svg.matchAll(/font-family[:=]\s*"?([^;"]+)/g)].map((m) => m[1]!.trim()));
    expect(families.size).toBeGreaterThan(0);
    expect([...families].every((f) => f.includes('DejaVu Sans'))).toBe(true);
    expect(svg).not.toMatch(/\p{Extended_Pictographic}|\p{Regional_Indicator}/u);
  });

  it('gives each country one colour in every chart, whatever its place', () => {
    const reordered: ChartSpec = { ...TIMELINE, points: [...TIMELINE.points].reverse() };

    expect(seriesColors(TIMELINE)['CN China']).toBe(countryColor('CN'));
    expect(seriesColors(reordered)['CN China']).toBe(countryColor('CN'));
    expect(seriesColors(RANKING)['FR France']).toBe(seriesColors(TIMELINE)['FR France']);
    expect(new Set(['CN', 'US', 'FR', 'GB', 'DE', 'KR', 'JP'].map(countryColor)).size).toBe(7);
  });

  it('describes what it shows in words, for screen readers', () => {
    expect(chartAltText(RANKING)).toBe(
      'Bar chart: Top 3 by downloads. Qwen/Qwen3-8B 5400000, meta-llama/Llama-3.1-8B-Instruct 4100000, ' +
        'mistralai/Mistral-Small-24B 900000.',
    );
    expect(chartAltText(TIMELINE)).toMatch(/^Stacked bar chart: .*\. China 46, United States 16, France 2\.$/);
  });

  it('draws in a process of its own, which ends when idle and starts again for the next chart', async () => {
    const renderer = createChartRenderer({ idleMs: 300 });
    try {
      const first = await renderer.render(RANKING);
      const pid = renderer.pid();
      await vi.waitFor(() => {
        if (renderer.pid() !== undefined) throw new Error('the chart process still runs');
      }, 15_000);
      const second = await renderer.render(RANKING);

      expect(pid).toBeGreaterThan(0);
      expect(pid).not.toBe(process.pid);
      expect(renderer.pid()).not.toBe(pid);
      expect(second.equals(first)).toBe(true);
    } finally {
      renderer.close();
    }
  });

  it('refuses a chart without points', async () => {
    await expect(renderChart({ ...RANKING, points: [] })).rejects.toThrow('at least one point');
  });
});
