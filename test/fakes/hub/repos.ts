import { familyName, planFamily, type PlannedRepo } from './families.js';
import { objectIdFor, shaFor } from './object-id.js';
import { createRandom } from './seeded-random.js';
import { siblingsFor } from './siblings.js';
import type { FakeRepo } from './types.js';
import { FORMAT_TAGS, formatOf, isQuantized, parametersByDtype } from './weight-format.js';

export type Relation = 'finetune' | 'quantized' | 'adapter' | 'merge';

export interface MakeRepoOptions extends Partial<Omit<FakeRepo, 'id'>> {
  org: string;
  name: string;
  /** Total parameters; read from the name (`-7B`, `-0.5B`, `-8x7B`, `-235B-A22B`) when absent, else 7B. */
  params?: number;
  /** "org/name" this repo derives from: adds `base_model:` tags and `cardData.base_model`. */
  baseModel?: string;
  /** Defaults to `quantized` for -FP8/-GGUF/-AWQ/... names, else `finetune`. */
  relation?: Relation;
  license?: string;
  /** Architecture tag such as `qwen2`; defaults to the name's leading letters. */
  modelType?: string;
}

export const DEFAULT_CREATED_AT = '2025-01-15T12:00:00.000Z';
/** What the Hub gives as `createdAt` for repos from before it dated them (seconds vary from :04 to :05). */
export const LEGACY_CREATED_AT = '2022-03-02T23:29:04.000Z';
const DEFAULT_PARAMS = 7e9;
const HOUR = 3_600_000;
const CHAT_NAME = /instruct|chat|thinking|(^|-)it($|-)/i;

function unit(letter: string): number {
  return letter.toLowerCase() === 'b' ? 1e9 : 1e6;
}

/** Parameter count from a size in the name, the way labs name releases. */
export function paramsFromName(name: string): number | undefined {
  const moe = /(?:^|[-_])(\d+)x(\d+(?:\.\d+)?)([bm])(?=$|[-_])/i.exec(name);
  if (moe?.[1] && moe[2] && moe[3]) return Math.round(Number(moe[1]) * Number(moe[2]) * unit(moe[3]));
  const size = /(?:^|[-_])(\d+(?:\.\d+)?)([bm])(?=$|[-_])/i.exec(name);
  if (size?.[1] && size[2]) return Math.round(Number(size[1]) * unit(size[2]));
  return undefined;
}

/** A full, realistic Hub record, deterministic in its inputs; any `FakeRepo` field given wins. */
export function makeRepo(options: MakeRepoOptions): FakeRepo {
  const {
    org,
    name,
    params: givenParams,
    baseModel,
    relation: givenRelation,
    license = 'apache-2.0',
    modelType,
    ...overrides
  } = options;
  const id = `${org}/${name}`;
  const random = createRandom(id);
  const format = formatOf(name);
  const params = givenParams ?? paramsFromName(name) ?? DEFAULT_PARAMS;
  const pipeline = overrides.pipeline_tag ?? 'text-generation';
  const library = format === 'gguf' ? undefined : format === 'mlx' ? 'mlx' : 'transformers';
  const relation = givenRelation ?? (isQuantized(format) ? 'quantized' : 'finetune');
  const arch = modelType ?? (/^[a-z]+/i.exec(name)?.[0].toLowerCase() || 'llama');
  const createdAt = overrides.createdAt ?? DEFAULT_CREATED_AT;
  const parameters = parametersByDtype(format, params);

  const tags = [
    ...(library ? [library] : []),
    ...(parameters ? ['safetensors'] : []),
    arch,
    pipeline,
    ...(CHAT_NAME.test(name) ? ['conversational'] : []),
    ...FORMAT_TAGS[format],
    'en',
    ...(baseModel ? [`base_model:${baseModel}`, `base_model:${relation}:${baseModel}`] : []),
    `license:${license}`,
    ...(library === 'transformers' && pipeline === 'text-generation' ? ['text-generation-inference'] : []),
    'endpoints_compatible',
    'region:us',
  ];
  const downloads = Math.floor(random.next() ** 3 * 50_000);
  const repo: FakeRepo = {
    _id: '',
    id,
    author: org,
    sha: shaFor(id),
    createdAt,
    lastModified: new Date(Date.parse(createdAt) + random.int(0, 72) * HOUR).toISOString(),
    private: false,
    gated: false,
    disabled: false,
    downloads,
    likes: Math.floor(Math.sqrt(downloads) * random.next()),
    trendingScore: random.int(0, 5),
    pipeline_tag: pipeline,
    ...(library ? { library_name: library } : {}),
    tags,
    ...(parameters ? { safetensors: { parameters, total: Object.values(parameters).reduce((a, b) => a + b, 0) } } : {}),
    cardData: {
      license,
      ...(library ? { library_name: library } : {}),
      pipeline_tag: pipeline,
      language: ['en'],
      ...(baseModel ? { base_model: baseModel } : {}),
    },
    siblings: siblingsFor(name, format, params),
    ...overrides,
  };
  if (!overrides._id) repo._id = objectIdFor(id, repo.createdAt);
  return repo;
}

export interface MakeOrgOptions {
  /** Around when the first family launched. */
  startDate: string;
  /** Around when the last family launched; default 2026-01-01. */
  endDate?: string;
  /** Default: the org name, so each org gets its own but repeatable catalogue. */
  seed?: string;
  /** Family stem, e.g. `Qwen`; default: the org's longest word, capitalized. */
  brand?: string;
  license?: string;
  /** Typical 30-day downloads of a popular repo; the tail spreads far above and below. */
  downloadScale?: number;
  /** How many of the newest repos are still private (created ahead of a launch). */
  privateNewest?: number;
  /** How many of the oldest repos carry the Hub's legacy import date instead of their creation time. */
  undatedOldest?: number;
}

/** Derivatives the community built on a repo, in the Hub's object shape; popular originals draw the most. */
function childrenFor(random: ReturnType<typeof createRandom>, downloads: number, original: boolean) {
  if (!original || downloads < 200) return undefined;
  const scale = downloads / 400;
  return {
    finetune: Math.floor(scale * (0.5 + random.next())),
    adapter: Math.floor(scale * 0.6 * random.next()),
    quantized: Math.floor(scale * (0.3 + random.next())),
    merge: Math.floor(scale * 0.1 * random.next()),
  };
}

const DAY = 24 * HOUR;
const DEFAULT_END = '2026-01-01T00:00:00.000Z';

function brandOf(org: string): string {
  const word = org.split(/[^a-z]+/i).reduce((a, b) => (b.length > a.length ? b : a), '') || 'Model';
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * `count` repos of one org, oldest first: model families over the years (`-7B`, `-72B-Instruct`, ...),
 * each with quantized re-uploads (`-FP8`, `-GGUF`, `-AWQ`, ...) tagged as lineage, and long-tailed
 * downloads and likes. Deterministic for a given org, count and options.
 */
export function makeOrg(org: string, count: number, options: MakeOrgOptions): FakeRepo[] {
  const random = createRandom(options.seed ?? org);
  const brand = options.brand ?? brandOf(org);
  const hyphen = random.chance(0.5);
  // Big labs ship fewer generations than repos would suggest: each generation grows instead.
  const budget = Math.min(60, Math.max(4, Math.round(count / 10)));
  const families: PlannedRepo[][] = [];
  let planned = 0;
  while (planned < count) {
    const family = planFamily(random, familyName(brand, families.length, hyphen), budget);
    families.push(family);
    planned += family.length;
  }

  const start = Date.parse(options.startDate);
  const end = Date.parse(options.endDate ?? DEFAULT_END);
  const span = Math.max(0, end - start);
  // Re-uploads follow a launch by weeks: leave room for them before the end.
  const launchSpan = span - Math.min(span / 4, 30 * DAY);
  const scale = options.downloadScale ?? 3000;
  const seen = new Set<string>();
  const repos: FakeRepo[] = [];
  families.forEach((family, index) => {
    const launch = start + (launchSpan * (index + random.next() * 0.8)) / families.length;
    const recency = 0.2 + (0.8 * (index + 1)) / families.length;
    for (const plan of family) {
      if (seen.has(plan.name.toLowerCase())) continue;
      seen.add(plan.name.toLowerCase());
      // Pareto-like tail: most repos are modest, a few are huge.
      const tail = Math.min(1e4, (1 - random.next()) ** (-1 / 1.1));
      const downloads = Math.floor(scale * plan.weight * recency * tail * 0.3);
      const likes = Math.floor(downloads ** 0.55 * (0.5 + random.next()));
      // A stream of its own, so adding these fields left every other generated number as it was.
      const extra = createRandom(`popularity:${org}/${plan.name}`);
      const children = childrenFor(extra, downloads, !plan.baseName?.endsWith('-Instruct'));
      repos.push(
        makeRepo({
          org,
          name: plan.name,
          createdAt: new Date(
            Math.min(end, launch + plan.dayOffset * DAY + random.int(0, 23) * HOUR + random.int(0, 3599) * 1000),
          ).toISOString(),
          pipeline_tag: plan.pipeline,
          downloads,
          likes,
          trendingScore: Math.floor((likes / 10) * recency ** 4),
          downloadsAllTime: downloads * (2 + Math.floor((families.length - index) * 3 * extra.next())),
          ...(children ? { childrenModelCount: children } : {}),
          ...(options.license ? { license: options.license } : {}),
          ...(plan.baseName ? { baseModel: `${org}/${plan.baseName}` } : {}),
        }),
      );
    }
  });

  repos.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a._id < b._id ? -1 : 1));
  // The last generation planned overshoots `count`: drop the oldest repos so the newest stay whole.
  repos.splice(0, Math.max(0, repos.length - count));
  const privateNewest = Math.min(options.privateNewest ?? 0, repos.length);
  for (const repo of repos.slice(repos.length - privateNewest)) repo.private = true;
  repos.slice(0, Math.min(options.undatedOldest ?? 0, repos.length)).forEach((repo, i) => {
    repo.createdAt = LEGACY_CREATED_AT.replace(':04.', i % 3 === 0 ? ':05.' : ':04.');
    repo._id = objectIdFor(repo.id, repo.createdAt);
  });
  return repos;
}
