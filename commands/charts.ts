import { countryName } from '../src/format/flag.js';
import type { DerivativeCounts, TimelineMonth } from '../src/ports/models.js';
import type { ChartSpec } from './types.js';

/** Countries drawn apart in a stacked chart; the rest are one "Other" part. */
const MOST_COUNTRIES = 7;
export const OTHER_SERIES = 'Other';

/** One bar per country, coloured by it; countries with nothing are left out. */
export function countryBarsChart(
  title: string,
  yTitle: string,
  rows: readonly { country: string; value: number }[],
): ChartSpec {
  const bars = rows.filter((r) => r.value > 0).map((r) => ({ repo: r.country, country: r.country, value: r.value }));
  return rankingChart(title, yTitle, bars);
}

/** Each month's releases stacked by country: the busiest countries apart, the others as one. */
export function timelineChart(
  title: string,
  months: readonly TimelineMonth[],
  countries: readonly string[],
): ChartSpec {
  const shown = countries.slice(0, MOST_COUNTRIES);
  const points = months.flatMap((m) => {
    const parts = shown.map((country) => ({ x: m.month, series: country, value: m.byCountry[country] ?? 0 }));
    const rest = Object.entries(m.byCountry)
      .filter(([country]) => !shown.includes(country))
      .reduce((sum, [, n]) => sum + n, 0);
    return countries.length > shown.length ? [...parts, { x: m.month, series: OTHER_SERIES, value: rest }] : parts;
  });
  return { kind: 'stacked-bars', title, xTitle: 'month (UTC)', yTitle: 'releases', byCountry: true, points };
}

const KINDS = [
  ['finetune', 'finetunes'],
  ['adapter', 'adapters'],
  ['quantized', 'quantizations'],
  ['merge', 'merges'],
] as const;

/** Derivatives per country of the base model, stacked by kind. */
export function ecosystemChart(title: string, rows: readonly (DerivativeCounts & { country: string })[]): ChartSpec {
  const points = rows
    .filter((r) => r.total > 0)
    .slice(0, 10)
    .flatMap((r) =>
      KINDS.map(([key, name]) => ({ x: countryName(r.country) ?? r.country, series: name, value: r[key] })),
    );
  return { kind: 'stacked-bars', title, yTitle: 'derivatives', byCountry: false, points };
}

/** Ranked models as flat bars, each coloured by its lab's country. */
export function rankingChart(
  title: string,
  yTitle: string,
  models: readonly { repo: string; country: string; value: number }[],
): ChartSpec {
  return {
    kind: 'bars',
    title,
    yTitle,
    byCountry: true,
    points: models.map((m) => ({ x: m.repo, series: m.country, value: m.value })),
  };
}
