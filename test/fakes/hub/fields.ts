import type { FakeRepo } from './types.js';

/** What `/api/models` returns per item when no `expand` is given. */
export const LIST_DEFAULT_FIELDS = [
  'likes',
  'trendingScore',
  'private',
  'downloads',
  'tags',
  'pipeline_tag',
  'library_name',
  'createdAt',
  'modelId',
] as const;

/** What `/api/models/{id}` returns when no `expand` is given: the rich record. */
export const INFO_DEFAULT_FIELDS = [
  'modelId',
  'author',
  'sha',
  'lastModified',
  'private',
  'disabled',
  'gated',
  'pipeline_tag',
  'tags',
  'downloads',
  'library_name',
  'likes',
  'cardData',
  'config',
  'spaces',
  'safetensors',
  'siblings',
  'createdAt',
] as const;

/** The Hub rejects an `expand` value outside its list with a 400; these are the ones it accepts. */
export const EXPANDABLE_FIELDS: ReadonlySet<string> = new Set([
  'author',
  'baseModels',
  'cardData',
  'childrenModelCount',
  'config',
  'createdAt',
  'disabled',
  'downloads',
  'downloadsAllTime',
  'gated',
  'gguf',
  'gitalyUid',
  'inference',
  'inferenceProviderMapping',
  'lastModified',
  'library_name',
  'likes',
  'mask_token',
  'model-index',
  'pipeline_tag',
  'private',
  'resourceGroup',
  'safetensors',
  'sha',
  'siblings',
  'spaces',
  'tags',
  'transformersInfo',
  'trendingScore',
  'usedStorage',
  'widgetData',
  'xetEnabled',
]);

const LINEAGE_TAG = /^base_model:(finetune|quantized|adapter|merge):(.+)$/;

export function orgOf(repoId: string): string {
  const slash = repoId.indexOf('/');
  return slash === -1 ? '' : repoId.slice(0, slash);
}

/** `baseModels` as the Hub derives it from the typed lineage tag. */
function baseModels(repo: FakeRepo): unknown {
  const matches = (repo.tags ?? []).map((t) => LINEAGE_TAG.exec(t)).filter((m) => m !== null);
  const first = matches[0];
  if (!first) return undefined;
  return { relation: first[1], models: matches.filter((m) => m[1] === first[1]).map((m) => ({ id: m[2] })) };
}

// Fields the Hub always fills, even when the stored record leaves them out.
const DERIVED: Record<string, (repo: FakeRepo) => unknown> = {
  modelId: (r) => r.id,
  author: (r) => r.author ?? orgOf(r.id),
  private: (r) => r.private ?? false,
  gated: (r) => r.gated ?? false,
  disabled: (r) => r.disabled ?? false,
  downloads: (r) => r.downloads ?? 0,
  downloadsAllTime: (r) => r.downloadsAllTime ?? r.downloads ?? 0,
  likes: (r) => r.likes ?? 0,
  trendingScore: (r) => r.trendingScore ?? 0,
  tags: (r) => r.tags ?? [],
  lastModified: (r) => r.lastModified ?? r.createdAt,
  spaces: () => [],
  baseModels,
};

/** `_id` and `id`, then each asked-for field the repo has, in the order asked. */
export function project(repo: FakeRepo, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { _id: repo._id, id: repo.id };
  for (const field of fields) {
    const derive = DERIVED[field];
    const value = derive ? derive(repo) : (repo as unknown as Record<string, unknown>)[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/** The first `expand` value the Hub would refuse, if any. */
export function invalidExpand(expand: readonly string[]): string | undefined {
  return expand.find((key) => !EXPANDABLE_FIELDS.has(key));
}
