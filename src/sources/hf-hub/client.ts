import { listModels, modelInfo } from '@huggingface/hub';
import type { Logger } from 'pino';
import { toHubError } from './errors.js';
import { lineageFromTags, type Lineage } from './lineage.js';
import { parseProviders, type Provider } from './providers.js';
import { readRepoFile } from './repo-file.js';
import { detailsSchema, listingSchema, metricsSchema, type ListingItem } from './schema.js';

export interface HubModel {
  /** The Hub's stable `_id`. */
  id: string;
  repo: string;
  private: boolean;
  gated: false | 'auto' | 'manual';
  task?: string | undefined;
  downloads: number;
  likes: number;
  createdAt?: Date | undefined;
  /** Present when the listing asked for tags (history listings) or from details. */
  lineage?: Lineage | undefined;
  library?: string | undefined;
  license?: string | undefined;
  params?: number | undefined;
  /** Popularity beyond the defaults, present in history listings. */
  trendingScore?: number | undefined;
  downloadsAllTime?: number | undefined;
  children?: Derivatives | undefined;
  /** `safetensors.parameters`: parameter counts by dtype. */
  paramsByDtype?: Record<string, number> | undefined;
  /** Inference providers serving it; undefined when the answer did not say. */
  providers?: Provider[] | undefined;
}

/** Derivatives built on a model across the Hub, by relation (`childrenModelCount`). */
export interface Derivatives {
  finetune: number;
  adapter: number;
  quantized: number;
  merge: number;
}

export interface HubModelDetails extends HubModel {
  lineage: Lineage;
  tags: string[];
}

export interface HubSource {
  /** An org's newest repos by `createdAt`, lazily paged `pageSize` at first, then 500 at a time. */
  newest(org: string, pageSize: number): AsyncIterable<HubModel>;
  /**
   * Every repo of an org, newest first, paged 500 at a time. `history` adds what a release and a metric
   * snapshot need (lineage, license, size, popularity) at the cost of bytes, never of requests.
   */
  all(org: string, options?: { history?: boolean }): AsyncIterable<HubModel>;
  /** One repo's details, or undefined when it is gone or private. */
  details(repo: string): Promise<HubModelDetails | undefined>;
  /** Popularity of an org's repos, most downloaded first, in one request of at most 500. */
  metrics(org: string): Promise<HubMetrics[]>;
  /** The providers serving one repo (one light model-info request); undefined when the Hub does not say. */
  providers(repo: string): Promise<Provider[] | undefined>;
  /**
   * A file of a repo's main branch as text (`config.json`, `README.md`), at most `maxBytes`; undefined
   * when the repo or file is missing or hidden. Other failures throw a HubUnavailableError.
   */
  file(repo: string, path: string, options?: { signal?: AbortSignal; maxBytes?: number }): Promise<string | undefined>;
}

export interface HubMetrics {
  id: string;
  downloads: number;
  likes: number;
  trendingScore: number;
  downloadsAllTime?: number | undefined;
  children?: Derivatives | undefined;
  /** Undefined when the listing did not say (the field may not be listed): keep what is known. */
  providers?: Provider[] | undefined;
  /** From the `license:` tag: null when the tags came without one, undefined when no tags came. */
  license?: string | null | undefined;
}

export interface HubSourceOptions {
  hubUrl: string;
  accessToken?: string | undefined;
  fetch: typeof fetch;
  logger: Logger;
}

function licenseFromTags(tags: readonly string[]): string | undefined {
  return tags.find((t) => t.startsWith('license:'))?.slice('license:'.length);
}

function toModel(item: ListingItem): HubModel {
  return {
    id: item.id,
    repo: item.name,
    private: item.private,
    gated: item.gated,
    task: item.task,
    downloads: item.downloads,
    likes: item.likes,
    createdAt: item.createdAt,
    lineage: item.tags ? lineageFromTags(item.tags) : undefined,
    library: item.library_name,
    license: item.tags ? licenseFromTags(item.tags) : undefined,
    params: item.safetensors?.total,
    trendingScore: item.trendingScore,
    downloadsAllTime: item.downloadsAllTime,
    children: item.childrenModelCount,
    paramsByDtype: item.safetensors?.parameters,
    providers: item.inferenceProviderMapping,
  };
}

// Fields the client does not list in its types; it passes `expand` values through as they are.
const HISTORY_FIELDS = [
  'createdAt',
  'tags',
  'library_name',
  'safetensors',
  'trendingScore',
  'downloadsAllTime',
  'childrenModelCount',
] as unknown as ['createdAt'];
const METRICS_FIELDS = [
  'trendingScore',
  'downloadsAllTime',
  'childrenModelCount',
  'inferenceProviderMapping',
  'tags',
] as unknown as ['createdAt'];
const PROVIDER_FIELDS = ['inferenceProviderMapping'] as unknown as ['createdAt'];
const DETAILS_FIELDS = [
  'createdAt',
  'tags',
  'safetensors',
  'cardData',
  'library_name',
  'inferenceProviderMapping',
] as unknown as ['createdAt'];

/** Reads the Hub with `@huggingface/hub` through an injected fetch; a malformed item is dropped, not the page. */
export function createHubSource(options: HubSourceOptions): HubSource {
  const common = {
    hubUrl: options.hubUrl,
    fetch: options.fetch,
    ...(options.accessToken ? { accessToken: options.accessToken } : {}),
  };
  const { logger } = options;

  async function* parse(items: AsyncIterable<unknown>, org: string): AsyncGenerator<HubModel> {
    try {
      for await (const raw of items) {
        const parsed = listingSchema.safeParse(raw);
        if (!parsed.success) {
          logger.warn(
            { org, issues: parsed.error.issues.slice(0, 3).map((i) => i.path.join('.')) },
            'hub item dropped',
          );
          continue;
        }
        yield toModel(parsed.data);
      }
    } catch (error) {
      throw toHubError(error);
    }
  }

  return {
    newest(org, pageSize) {
      return parse(
        (async function* () {
          const seen = new Set<string>();
          const first = listModels({
            ...common,
            search: { owner: org },
            sort: 'createdAt',
            limit: pageSize,
            additionalFields: ['createdAt'],
          });
          let count = 0;
          for await (const item of first) {
            seen.add(item.id);
            count++;
            yield item;
          }
          if (count < pageSize) return;
          // The whole first page was read by the caller: go on with full pages, skipping what it saw.
          for await (const item of listModels({
            ...common,
            search: { owner: org },
            sort: 'createdAt',
            additionalFields: ['createdAt'],
          })) {
            if (!seen.has(item.id)) yield item;
          }
        })(),
        org,
      );
    },
    all(org, { history = false } = {}) {
      const additionalFields = history ? HISTORY_FIELDS : (['createdAt'] as ['createdAt']);
      return parse(listModels({ ...common, search: { owner: org }, sort: 'createdAt', additionalFields }), org);
    },
    async metrics(org) {
      const out: HubMetrics[] = [];
      try {
        for await (const raw of listModels({
          ...common,
          search: { owner: org },
          sort: 'downloads',
          limit: 500,
          additionalFields: METRICS_FIELDS,
        })) {
          const parsed = metricsSchema.safeParse(raw);
          if (!parsed.success) continue;
          const { childrenModelCount, inferenceProviderMapping, tags, ...counts } = parsed.data;
          const license = tags === undefined ? undefined : (licenseFromTags(tags) ?? null);
          out.push({ ...counts, children: childrenModelCount, providers: inferenceProviderMapping, license });
        }
      } catch (error) {
        throw toHubError(error);
      }
      return out;
    },
    async details(repo) {
      let raw: unknown;
      try {
        raw = await modelInfo({
          ...common,
          name: repo,
          additionalFields: DETAILS_FIELDS,
        });
      } catch (error) {
        // The Hub answers 401 instead of 404 to an anonymous caller for a repo it will not show.
        const status = (error as { statusCode?: unknown }).statusCode;
        if (status === 404 || (status === 401 && !options.accessToken)) return undefined;
        throw toHubError(error);
      }
      const parsed = detailsSchema.safeParse(raw);
      if (!parsed.success) {
        logger.warn(
          { repo, issues: parsed.error.issues.slice(0, 3).map((i) => i.path.join('.')) },
          'hub details malformed',
        );
        return undefined;
      }
      const item = parsed.data;
      return {
        ...toModel(item),
        lineage: lineageFromTags(item.tags, item.cardData?.base_model),
        license: item.cardData?.license ?? licenseFromTags(item.tags),
        tags: item.tags,
      };
    },
    async providers(repo) {
      let raw: unknown;
      try {
        raw = await modelInfo({ ...common, name: repo, additionalFields: PROVIDER_FIELDS });
      } catch (error) {
        const status = (error as { statusCode?: unknown }).statusCode;
        if (status === 404 || (status === 401 && !options.accessToken)) return undefined;
        throw toHubError(error);
      }
      return parseProviders((raw as { inferenceProviderMapping?: unknown } | null)?.inferenceProviderMapping);
    },
    file: (repo, path, fileOptions = {}) => readRepoFile({ ...options, ...fileOptions }, repo, path),
  };
}
