import type { ModelFacts } from '../format/model-facts.js';

/** A model of a release; the facts (weights, shape, providers, card line, lineage's lab) may be unknown. */
export interface ModelView extends ModelFacts {
  id: string;
  repo: string;
  task: string | null;
  params: number | null;
  license: string | null;
  gated: string | null;
  library: string | null;
  createdAt: Date | null;
  firstSeenPublicAt: Date | null;
  isVariant: boolean;
  relation: string | null;
  baseModels: string[];
}

/** Everything an alert or a listing says about one release, platform-neutral. */
export interface ReleaseView {
  id: number;
  title: string;
  variantOnly: boolean;
  /** When it was first seen public; for a historical release, when its first repo was created. */
  firstSeenAt: Date;
  /** Known from the Hub's listing when the lab was first tracked: shown and counted, never alerted. */
  historical?: boolean | undefined;
  /** Historical, with the Hub's legacy import date: no real date. */
  undated?: boolean | undefined;
  lab: { id: number; name: string; country: string };
  /** The release's models, originals first, then variants, each group by name. */
  models: ModelView[];
}
