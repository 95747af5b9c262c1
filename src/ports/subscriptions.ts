import type { Mode } from '../subscriptions/modes.js';
import type { ReportTime } from '../subscriptions/report-time.js';

export interface NewSubscription {
  workspaceId: string;
  platform: string;
  destination: string;
  labIds?: number[] | undefined;
  countries?: string[] | undefined;
  tasks?: string[] | undefined;
  minParamsB?: number | undefined;
  variants: boolean;
  mode: Mode;
  /** Also post changes of released models (license, gating, withdrawn). */
  changes?: boolean | undefined;
  /** For mode `report`: ISO weekday (1 Monday … 7 Sunday), hour and IANA zone; defaults Monday 09:00 UTC. */
  report?: ReportTime | undefined;
  createdBy: string;
  /** When it was made; the database's clock when absent. A report only starts with the first week it saw whole. */
  now?: Date | undefined;
}

export interface SubscriptionView {
  id: number;
  destination: string;
  labs: string[];
  countries: string[];
  tasks: string[];
  minParamsB: number | null;
  variants: boolean;
  mode: string;
  changes: boolean;
  report: ReportTime;
  pausedAt: Date | null;
  pauseReason: string | null;
}

/** A channel's subscriptions. */
export interface SubscriptionsPort {
  /** Adds one and resumes the channel's paused ones; a channel over its limit is a UserError. */
  subscribe(input: NewSubscription): Promise<{ id: number; resumed: number }>;
  /** Removes one (or all, without an id); returns the ids removed; nothing to remove is a UserError. */
  unsubscribe(input: { workspaceId: string; destination: string; id?: number | undefined }): Promise<number[]>;
  list(input: { workspaceId: string; destination?: string | undefined }): Promise<SubscriptionView[]>;
}
