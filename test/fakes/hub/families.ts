import type { SeededRandom } from './seeded-random.js';

/** One repo of a model family before it gets dates and numbers. */
export interface PlannedRepo {
  name: string;
  /** Name (within the org) of the repo it derives from. */
  baseName?: string;
  pipeline: string;
  /** Days after the family's launch. */
  dayOffset: number;
  /** Relative popularity: instruct models and small sizes draw the most downloads. */
  weight: number;
}

interface Size {
  label: string;
  params: number;
}

const SIZES: Size[] = [
  { label: '0.5B', params: 0.5 },
  { label: '1.5B', params: 1.5 },
  { label: '3B', params: 3 },
  { label: '7B', params: 7 },
  { label: '8B', params: 8 },
  { label: '14B', params: 14 },
  { label: '30B-A3B', params: 30 },
  { label: '32B', params: 32 },
  { label: '72B', params: 72 },
  { label: '235B-A22B', params: 235 },
];

/** Re-uploads of an instruct model, with the odds a lab ships each one and how much it is used. */
const VARIANTS: { suffix: string; odds: number; weight: number }[] = [
  { suffix: 'FP8', odds: 0.35, weight: 0.3 },
  { suffix: 'GGUF', odds: 0.35, weight: 1.2 },
  { suffix: 'AWQ', odds: 0.3, weight: 0.4 },
  { suffix: 'GPTQ-Int4', odds: 0.2, weight: 0.2 },
  { suffix: 'MLX-4bit', odds: 0.1, weight: 0.2 },
];

const LINES: { label: string; pipeline: string }[] = [
  { label: 'Coder', pipeline: 'text-generation' },
  { label: 'Math', pipeline: 'text-generation' },
  { label: 'VL', pipeline: 'image-text-to-text' },
];

function sizeWeight(size: Size): number {
  if (size.params <= 8) return 1.5;
  return size.params <= 32 ? 1 : 0.6;
}

function pickSizes(random: SeededRandom, count: number): Size[] {
  const chosen = new Set<Size>();
  while (chosen.size < count) chosen.add(random.pick(SIZES));
  return [...chosen].sort((a, b) => a.params - b.params);
}

/** `Brand2.5` or `Brand-2.5` for the index-th generation (1, 1.5, 2, 2.5, ...). */
export function familyName(brand: string, index: number, hyphen: boolean): string {
  const version = `${1 + Math.floor(index / 2)}${index % 2 === 1 ? '.5' : ''}`;
  return hyphen ? `${brand}-${version}` : `${brand}${version}`;
}

function planLine(
  random: SeededRandom,
  prefix: string,
  sizes: Size[],
  pipeline: string,
  lineDay: number,
  lineWeight: number,
): PlannedRepo[] {
  const repos: PlannedRepo[] = [];
  for (const size of sizes) {
    const sized = `${prefix}-${size.label}`;
    const weight = sizeWeight(size) * lineWeight;
    const hasBase = !size.label.includes('-A') && random.chance(0.75);
    if (hasBase) repos.push({ name: sized, pipeline, dayOffset: lineDay, weight: 0.7 * weight });
    const instruct = `${sized}-Instruct`;
    repos.push({
      name: instruct,
      pipeline,
      dayOffset: lineDay + random.int(0, 1),
      weight: 2 * weight,
      ...(hasBase ? { baseName: sized } : {}),
    });
    for (const variant of VARIANTS) {
      if (!random.chance(variant.odds)) continue;
      repos.push({
        name: `${instruct}-${variant.suffix}`,
        baseName: instruct,
        pipeline,
        dayOffset: lineDay + random.int(1, 30),
        weight: variant.weight * weight,
      });
    }
  }
  return repos;
}

/** Roughly how many repos one size of a line yields: base, instruct, and about one re-upload. */
const REPOS_PER_SIZE = 3.2;

/**
 * A generation of models, about `budget` repos: a main line of sizes (base and instruct, quantized
 * re-uploads), then side lines (Coder, Math, VL) while the budget lasts.
 */
export function planFamily(random: SeededRandom, name: string, budget: number): PlannedRepo[] {
  const mainSizes = Math.min(SIZES.length, Math.max(2, Math.round((budget * 0.6) / REPOS_PER_SIZE)));
  const repos = planLine(random, name, pickSizes(random, mainSizes), 'text-generation', 0, 1);
  for (const line of LINES) {
    const left = budget - repos.length;
    if (left < REPOS_PER_SIZE || !random.chance(0.7)) continue;
    const sizes = Math.min(4, Math.max(1, Math.round(left / REPOS_PER_SIZE)));
    repos.push(
      ...planLine(random, `${name}-${line.label}`, pickSizes(random, sizes), line.pipeline, random.int(14, 60), 0.5),
    );
  }
  return repos;
}
