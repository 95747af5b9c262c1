import type { LabsPort } from './labs.js';
import type { ModelsPort } from './models.js';
import type { ReleasesPort } from './releases.js';
import type { ReportsPort } from './reports.js';
import type { SettingsPort } from './settings.js';
import type { SubscriptionsPort } from './subscriptions.js';
import type { SuggestionsPort } from './suggestions.js';

/** What commands and platforms may read and change: storage behind small ports, never the database. */
export interface Services {
  labs: LabsPort;
  subscriptions: SubscriptionsPort;
  releases: ReleasesPort;
  models: ModelsPort;
  reports: ReportsPort;
  suggestions: SuggestionsPort;
  settings: SettingsPort;
}
