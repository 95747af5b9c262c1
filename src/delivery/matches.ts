export interface SubscriptionFilter {
  labIds: number[] | null;
  countries: string[] | null;
  tasks: string[] | null;
  minParamsB: number | null;
  variants: boolean;
}

export interface ReleaseFacts {
  labId: number;
  country: string;
  tasks: readonly string[];
  /** The largest parameter count among the release's models, when the Hub reported one. */
  maxParams?: number | undefined;
  variantOnly: boolean;
  /** Derived from repos public before floodwatch watched the lab: shown in listings, never sent. */
  historical?: boolean | undefined;
}

/** Whether a subscription's lab and country filters take a lab: what decides for a change of a model. */
export function matchesLab(
  sub: Pick<SubscriptionFilter, 'labIds' | 'countries'>,
  lab: { labId: number; country: string },
): boolean {
  if (sub.labIds?.length && !sub.labIds.includes(lab.labId)) return false;
  if (sub.countries?.length && !sub.countries.includes(lab.country)) return false;
  return true;
}

/**
 * Whether a subscription wants a release. An empty or null filter takes everything; a release of
 * unknown size passes a size filter, because a missed alert costs more than an extra one.
 */
export function matches(sub: SubscriptionFilter, release: ReleaseFacts): boolean {
  if (release.historical) return false;
  if (release.variantOnly && !sub.variants) return false;
  if (!matchesLab(sub, release)) return false;
  if (sub.tasks?.length && !release.tasks.some((t) => sub.tasks!.includes(t))) return false;
  if (sub.minParamsB != null && release.maxParams !== undefined && release.maxParams < sub.minParamsB * 1e9)
    return false;
  return true;
}
