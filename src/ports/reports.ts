/** What the report covers: the labs a workspace tracks, narrowed like a subscription may be. */
export interface ReportQuery {
  workspaceId: string;
  now: Date;
  days: number;
  labIds?: readonly number[] | null | undefined;
  countries?: readonly string[] | null | undefined;
  /** How many of the most liked new models to name. */
  top?: number | undefined;
}

/** The state of open models over a span of days, as numbers. */
export interface OpenModelsReport {
  from: Date;
  to: Date;
  days: number;
  /** Live releases (alerted ones): no history, no release made only of variants. */
  releases: number;
  labs: number;
  /** Most releases first; `share` of all the span's releases, 0 to 1. */
  countries: { country: string; releases: number; share: number }[];
  byLab: { lab: string; country: string; releases: number }[];
  /** The new releases' own models (no variants), most liked first. */
  mostLiked: { repo: string; lab: string; country: string; likes: number }[];
}

export interface ReportsPort {
  /** The releases of the last `days` before `now`, by country and lab, and the most liked new models. */
  openModels(query: ReportQuery): Promise<OpenModelsReport>;
}
