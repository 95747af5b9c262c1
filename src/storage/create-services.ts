import type { Database } from '../../db/database.js';
import type { Services } from '../ports/services.js';
import { resolveLab, resolveLabs, untrackedOf } from './lab-lookup.js';
import { listLabs } from './list-labs.js';
import { modelDetails } from './model-details.js';
import { growthRanking } from './growth.js';
import { originsByLab } from './origins.js';
import { originsEcosystem } from './origins-ecosystem.js';
import { originsTimeline } from './origins-timeline.js';
import { originsTop } from './origins-top.js';
import { topModels } from './rankings.js';
import { recentReleases } from './recent-releases.js';
import { openModelsReport } from './open-models-report.js';
import { createPostgresSettingsStore } from './settings.js';
import { listSubscriptions, subscribe, unsubscribe } from './subscriptions.js';
import { suggestLabs, suggestModels, suggestOrgs } from './suggestions.js';
import { trackLab, untrackLab } from './track-lab.js';

/** The ports that commands and platforms use, on the drizzle database (PGlite or PostgreSQL alike). */
export function createPostgresServices(db: Database): Services {
  return {
    labs: {
      list: (workspaceId, options) => listLabs(db, workspaceId, options),
      track: (input) => trackLab(db, input),
      untrack: (input) => untrackLab(db, input),
      resolve: (input) => resolveLab(db, input),
      resolveList: (list) => resolveLabs(db, list),
      untrackedOf: (workspaceId, wanted) => untrackedOf(db, workspaceId, wanted),
    },
    subscriptions: {
      subscribe: (input) => subscribe(db, input),
      unsubscribe: (input) => unsubscribe(db, input),
      list: (input) => listSubscriptions(db, input),
    },
    releases: { recent: (query) => recentReleases(db, query) },
    models: {
      details: (repo) => modelDetails(db, repo),
      top: (query) => topModels(db, query),
      originsByLab: (query) => originsByLab(db, query),
      timeline: (query) => originsTimeline(db, query),
      originsTop: (query) => originsTop(db, query),
      ecosystem: (query) => originsEcosystem(db, query),
      growth: (query) => growthRanking(db, query),
    },
    reports: { openModels: (query) => openModelsReport(db, query) },
    suggestions: {
      labs: (typed) => suggestLabs(db, typed),
      orgs: (typed) => suggestOrgs(db, typed),
      models: (typed) => suggestModels(db, typed),
    },
    settings: createPostgresSettingsStore(db),
  };
}
