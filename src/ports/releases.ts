import type { ReleaseView } from '../platforms/release-view.js';

export interface RecentReleasesQuery {
  now: Date;
  days: number;
  /** Only labs this workspace tracks; every lab when absent. */
  workspaceId?: string | undefined;
  labIds?: readonly number[] | undefined;
  country?: string | undefined;
  /** Include releases made only of variants. */
  variants?: boolean | undefined;
  limit?: number | undefined;
}

export interface ReleasesPort {
  /** Releases first seen in the last `days`, newest first. */
  recent(query: RecentReleasesQuery): Promise<ReleaseView[]>;
}
