import type { ChartSpec } from '../commands/types.js';

const COUNTRIES = ['CN', 'US', 'FR', 'KR', 'JP', 'DE', 'AE'];

function months(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const index = from + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** Releases per month by country, 2025-01 to 2026-11: the shape of a busy workspace's timeline. */
export const TIMELINE_SAMPLE: ChartSpec = {
  kind: 'stacked-bars',
  title: 'Releases per month since 2025-01, by country',
  xTitle: 'month (UTC)',
  yTitle: 'releases',
  byCountry: true,
  points: months(2025 * 12, 23).flatMap((x, i) => [
    ...COUNTRIES.map((series, j) => ({
      x,
      series,
      value: Math.max(0, Math.round([17, 8, 3, 2, 2, 1, 1][j]! * (1 + i / 30) + 2 * Math.sin(i * 1.7 + j))),
    })),
    { x, series: 'Other', value: i % 3 },
  ]),
};

const RANKING_SAMPLE: ChartSpec = {
  kind: 'bars',
  title: 'Top 10 by downloads',
  yTitle: 'downloads (last 30 days)',
  byCountry: true,
  points: [
    ['Qwen/Qwen3-8B', 'CN', 6_100_000],
    ['meta-llama/Llama-3.1-8B-Instruct', 'US', 5_300_000],
    ['Qwen/Qwen2.5-7B-Instruct', 'CN', 4_200_000],
    ['google/gemma-3-27b-it', 'US', 2_900_000],
    ['deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', 'CN', 2_100_000],
    ['mistralai/Mistral-7B-Instruct-v0.3', 'FR', 1_800_000],
    ['openai/gpt-oss-20b', 'US', 1_500_000],
    ['zai-org/GLM-4.5-Air', 'CN', 900_000],
    ['moonshotai/Kimi-K2-Instruct', 'CN', 600_000],
    ['LGAI-EXAONE/EXAONE-4.0-32B', 'KR', 200_000],
  ].map(([x, series, value]) => ({ x: x as string, series: series as string, value: value as number })),
};

const SHARE_SAMPLE: ChartSpec = {
  kind: 'bars',
  title: 'Origins of the last 30 days by releases',
  yTitle: 'releases',
  byCountry: true,
  points: [
    ['CN', 41],
    ['US', 17],
    ['FR', 5],
    ['KR', 2],
  ].map(([x, value]) => ({ x: x as string, series: x as string, value: value as number })),
};

export const sampleCharts: readonly ChartSpec[] = [TIMELINE_SAMPLE, RANKING_SAMPLE, SHARE_SAMPLE];
