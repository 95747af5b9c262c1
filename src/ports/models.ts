export interface LineageStep {
  repo: string;
  lab?: { name: string; country: string } | undefined;
}

export interface ModelDetails {
  id: string;
  repo: string;
  lab: { id: number; name: string; country: string };
  createdAt: Date | null;
  firstSeenPublicAt: Date | null;
  task: string | null;
  library: string | null;
  license: string | null;
  params: number | null;
  gated: string | null;
  private: boolean;
  downloads: number;
  likes: number;
  trendingScore: number;
  isVariant: boolean;
  relation: string | null;
  baseModels: LineageStep[];
  /** Facts read when the model was new (null while unknown): weights by dtype, MoE shape, context, card. */
  paramsByDtype: Record<string, number> | null;
  paramsActive: number | null;
  experts: number | null;
  expertsActive: number | null;
  contextLength: number | null;
  cardLine: string | null;
  runsOn: string[] | null;
  /** Inference providers serving it, refreshed with the metrics; null while never known. */
  providers: { provider: string; status: string }[] | null;
  release?:
    | {
        id: number;
        title: string;
        firstSeenAt: Date;
        historical: boolean;
        undated: boolean;
        models: { repo: string; isVariant: boolean }[];
      }
    | undefined;
}

export const ORIGIN_METRICS = ['releases', 'downloads', 'likes'] as const;

/** How /origins tells where models come from. */
export const ORIGIN_VIEWS = ['share', 'timeline', 'top', 'ecosystem'] as const;
export type OriginView = (typeof ORIGIN_VIEWS)[number];

/** Releases of one month (UTC, `YYYY-MM`) among the labs a workspace tracks, by country. */
export interface TimelineMonth {
  month: string;
  total: number;
  byCountry: Record<string, number>;
}

export interface OriginsTimeline {
  /** First month shown, `YYYY-MM`. */
  since: string;
  /** Every month from `since` to the current one, empty ones included. */
  months: TimelineMonth[];
  /** Historical releases with the Hub's legacy import date: in no month. */
  undated: number;
}

/** The top models of a ranking, and how many of them each country has. */
export interface OriginsTop {
  models: RankedModel[];
  byCountry: { country: string; count: number }[];
}

/** Derivatives built on models, by relation (the Hub's childrenModelCount). */
export interface DerivativeCounts {
  finetune: number;
  adapter: number;
  quantized: number;
  merge: number;
  total: number;
}

export interface OriginsEcosystem {
  /** Summed by the base model's lab's country, most first. */
  byCountry: (DerivativeCounts & { country: string })[];
  /** The models most built on. */
  top: (DerivativeCounts & { repo: string; lab: string; country: string })[];
  /** Models whose counts are known. */
  counted: number;
}

export const GROWTH_DAYS = ['7', '30'] as const;

export interface GrowthModel extends RankedModel {
  likesGained: number;
  /** Change of the Hub's 30-day download count over the window. */
  downloadsChange: number;
}

export interface GrowthRanking {
  models: GrowthModel[];
  /** Given when fewer models than asked could be ranked, to say why. */
  coverage?:
    | {
        /** Models that could be ranked (public originals of the tracked labs, within the filters)… */
        eligible: number;
        /** …and of them, those with a snapshot from the start of the window. */
        withHistory: number;
      }
    | undefined;
}

export type OriginMetric = (typeof ORIGIN_METRICS)[number];

export interface OriginShare {
  key: string;
  country: string;
  value: number;
}

export const RANKING_METRICS = ['downloads', 'likes', 'trending', 'growth'] as const;

export type RankingMetric = (typeof RANKING_METRICS)[number];
/** What a model is ranked by at one moment: growth is reckoned over time instead. */
export type PopularityMetric = Exclude<RankingMetric, 'growth'>;

export interface RankedModel {
  repo: string;
  task: string | null;
  params: number | null;
  downloads: number;
  likes: number;
  trendingScore: number;
  lab: string;
  country: string;
}

export interface ModelsPort {
  /** One model by repo name (any case), with its lineage's labs and its release. */
  details(repo: string): Promise<ModelDetails | undefined>;
  /** The top public, non-variant models among the labs a workspace tracks. */
  top(query: {
    workspaceId: string;
    metric: PopularityMetric;
    country?: string | undefined;
    task?: string | undefined;
    limit: number;
  }): Promise<RankedModel[]>;
  /** Totals per lab over a window among the labs a workspace tracks. */
  originsByLab(query: { workspaceId: string; metric: OriginMetric; since: Date }): Promise<OriginShare[]>;
  /** Releases per month by country, from `since` (`YYYY-MM`) to the month of `now`. */
  timeline(query: { workspaceId: string; since: string; now: Date }): Promise<OriginsTimeline>;
  /** The top `limit` models by a popularity metric, and their countries. */
  originsTop(query: { workspaceId: string; metric: PopularityMetric; limit: number }): Promise<OriginsTop>;
  /** Derivatives built on the tracked labs' models, by country of the base, and the models most built on. */
  ecosystem(query: { workspaceId: string; limit: number }): Promise<OriginsEcosystem>;
  /** The models that gained most likes over the last 7 or 30 days, from the metric snapshots. */
  growth(query: {
    workspaceId: string;
    days: 7 | 30;
    country?: string | undefined;
    task?: string | undefined;
    limit: number;
  }): Promise<GrowthRanking>;
}
