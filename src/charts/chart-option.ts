import type { ChartSpec } from '../../commands/types.js';
import { countryName } from '../format/flag.js';
import { formatCount } from '../format/numbers.js';
import { countryColor, OTHER_COLOR, SERIES_COLORS } from './country-colors.js';
import { FONT_FAMILY } from './font-file.js';

export const CHART_SIZE = { width: 960, height: 540 } as const;
const LABEL_CHARS = 34;
const TEXT = '#2b2b2b';
const MUTED = '#6b6b6b';

function compact(n: number): string {
  const size = Math.abs(n);
  const text = size >= 1000 ? formatCount(size) : String(Number(size.toFixed(size < 10 ? 1 : 0)));
  return n < 0 ? `−${text}` : text;
}

function clipLabel(label: string): string {
  return label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label;
}

function seriesLabel(spec: ChartSpec, series: string): string {
  if (!spec.byCountry) return series;
  const name = countryName(series);
  return name ? `${series} ${name}` : series;
}

function seriesColor(spec: ChartSpec, series: string, index: number): string {
  if (spec.byCountry) return countryColor(series);
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? OTHER_COLOR;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * A chart spec as an ECharts option: `bars` lie flat with their names on the left and their values at
 * their ends; `stacked-bars` stand along the x axis, one coloured part per series. A legend names the
 * series wherever the bars' own names do not.
 */
export function chartOption(spec: ChartSpec): Record<string, unknown> {
  if (spec.points.length === 0) throw new Error('a chart needs at least one point');
  const flat = spec.kind === 'bars';
  const categories = unique(spec.points.map((p) => p.x));
  const seriesNames = unique(spec.points.map((p) => p.series));
  const legend = spec.points.some((p) => p.x !== p.series);
  const values = new Map(spec.points.map((p) => [`${p.series}\u0000${p.x}`, p.value]));
  const byX = (x: string) => (spec.byCountry && seriesNames.includes(x) ? (countryName(x) ?? x) : x);

  const series = seriesNames.map((name, i) => ({
    type: 'bar',
    name: seriesLabel(spec, name),
    stack: 'all',
    barMaxWidth: flat ? 26 : 48,
    itemStyle: { color: seriesColor(spec, name, i) },
    data: categories.map((x) => values.get(`${name}\u0000${x}`) ?? null),
    ...(flat
      ? {
          label: {
            show: true,
            position: 'right',
            color: TEXT,
            fontSize: 12,
            formatter: (p: { value: number | null }) => (p.value === null ? '' : compact(p.value)),
          },
        }
      : {}),
  }));

  const axisText = { color: MUTED, fontSize: 12, fontFamily: FONT_FAMILY };
  const categoryAxis = {
    type: 'category',
    data: categories.map((x) => clipLabel(byX(x))),
    inverse: flat,
    axisTick: { show: false },
    axisLabel: { ...axisText, color: TEXT, hideOverlap: true },
    ...(spec.xTitle && !flat
      ? { name: spec.xTitle, nameLocation: 'middle', nameGap: 30, nameTextStyle: axisText }
      : {}),
  };
  const valueAxis = {
    type: 'value',
    axisLabel: { ...axisText, formatter: (v: number) => compact(v) },
    splitLine: { lineStyle: { color: '#e6e6e6' } },
    ...(spec.yTitle
      ? { name: spec.yTitle, nameLocation: 'middle', nameGap: flat ? 28 : 46, nameTextStyle: axisText }
      : {}),
  };

  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_FAMILY, color: TEXT },
    title: {
      text: spec.title,
      left: 16,
      top: 12,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 18, fontWeight: 'bold', color: TEXT },
    },
    legend: legend
      ? {
          show: true,
          bottom: 10,
          left: 'center',
          itemWidth: 14,
          itemHeight: 10,
          textStyle: { fontFamily: FONT_FAMILY, fontSize: 12, color: TEXT },
        }
      : { show: false },
    grid: {
      left: 20,
      right: flat ? 56 : 28,
      top: 56,
      bottom: legend ? 64 : 28,
      outerBoundsMode: 'same',
      outerBoundsContain: 'all',
    },
    xAxis: flat ? valueAxis : categoryAxis,
    yAxis: flat ? categoryAxis : valueAxis,
    series,
  };
}
