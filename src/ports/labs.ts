export interface LabRef {
  id: number;
  name: string;
  country: string;
}

export interface LabListing {
  id: number;
  name: string;
  country: string;
  orgs: { org: string; baselineAt: Date | null; polledAt: Date | null; lastError: string | null }[];
  tracked: boolean;
}

export interface TrackResult {
  labId: number;
  labName: string;
  country: string;
  /** The lab was new to the catalog. */
  created: boolean;
  /** The workspace already tracked it. */
  alreadyTracked: boolean;
  orgs: string[];
}

/** The lab catalog and what each workspace tracks. */
export interface LabsPort {
  /** Every lab, with whether the workspace tracks it, tracked first, then by name. */
  list(workspaceId: string, options?: { country?: string | undefined }): Promise<LabListing[]>;
  /** Tracks the lab that owns `org`, adding it to the catalog when new; a user's mistake is a UserError. */
  track(input: {
    workspaceId: string;
    platform: string;
    org: string;
    country?: string | undefined;
    name?: string | undefined;
  }): Promise<TrackResult>;
  untrack(input: { workspaceId: string; org: string }): Promise<{ labName: string; orgs: string[] }>;
  /** A lab by name or by one of its orgs, any case; an unknown one is a UserError. */
  resolve(input: string): Promise<LabRef>;
  /** Comma-separated names or orgs, each resolved once. */
  resolveList(list: string): Promise<LabRef[]>;
  /** The labs of `wanted` that the workspace does not track. */
  untrackedOf(workspaceId: string, wanted: readonly LabRef[]): Promise<LabRef[]>;
}
