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

export type OriginMetric = (typeof ORIGIN_METRICS)[number];

export interface OriginShare {
  key: string;
  country: string;
  value: number;
}

export const RANKING_METRICS = ['downloads', 'likes', 'trending'] as const;

export type RankingMetric = (typeof RANKING_METRICS)[number];

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
    metric: RankingMetric;
    country?: string | undefined;
    task?: string | undefined;
    limit: number;
  }): Promise<RankedModel[]>;
  /** Totals per lab over a window among the labs a workspace tracks. */
  originsByLab(query: { workspaceId: string; metric: OriginMetric; since: Date }): Promise<OriginShare[]>;
}
