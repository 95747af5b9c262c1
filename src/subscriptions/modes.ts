/**
 * How a subscription receives releases: each at once, gathered in a daily or weekly digest, or not at
 * all but as a weekly report on the state of open models (`report`), at its own day, hour and time zone.
 */
export const MODES = ['instant', 'daily', 'weekly', 'report'] as const;
export type Mode = (typeof MODES)[number];

/** Modes that receive release alerts (one by one or in a digest); a report subscription gets none. */
export function receivesReleases(mode: string): boolean {
  return mode !== 'report';
}
