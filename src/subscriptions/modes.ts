/** How a subscription receives releases: each at once, or gathered in a daily or weekly digest. */
export const MODES = ['instant', 'daily', 'weekly'] as const;
export type Mode = (typeof MODES)[number];
