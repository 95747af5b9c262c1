import { and, isNotNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { models } from '../../db/schema.js';
import type { HubModel, HubSource } from '../sources/hf-hub/client.js';
import { publicInOrg } from './detect-changes.js';

/** Released models asked about per full listing at most; the others wait for the next one. */
const MAX_ASKED = 10;

export interface AbsentCheck {
  /** Models the listing left out that the Hub still shows public: kept, never taken as withdrawn. */
  present: string[];
  /** Of those, the ones that moved to another name: their new name is stored like a rename. */
  moved: HubModel[];
}

/**
 * Before a full listing's absence is taken as a withdrawal and told to channels, asks the Hub about
 * each released model it left out: gone or hidden (404, or 401 to an anonymous caller) confirms it; a
 * repo moved to another org answers under its new name (the Hub redirects the old one) and is renamed,
 * not withdrawn; a repo the listing merely left out is kept. A model that cannot be asked, or past the
 * first MAX_ASKED, is kept for now and asked at the next full listing. Models never released are
 * withdrawn silently, so they are not asked about.
 */
export async function confirmAbsent(
  deps: { db: Database; hub: HubSource; logger: Logger; signal?: AbortSignal | undefined },
  target: { org: string; labId: number },
  listed: readonly HubModel[],
): Promise<AbsentCheck> {
  const ids = new Set(listed.map((m) => m.id));
  const released = await deps.db
    .select({ id: models.id, repo: models.repo })
    .from(models)
    .where(and(publicInOrg(target), isNotNull(models.releaseId)));
  const absent = released.filter((m) => !ids.has(m.id));
  const check: AbsentCheck = { present: [], moved: [] };
  for (const [i, m] of absent.entries()) {
    if (i >= MAX_ASKED || deps.signal?.aborted) {
      check.present.push(m.id);
      continue;
    }
    try {
      const now = await deps.hub.details(m.repo);
      if (now === undefined || now.id !== m.id || now.private) continue;
      check.present.push(m.id);
      if (now.repo !== m.repo) check.moved.push(now);
      else deps.logger.warn({ repo: m.repo }, 'full listing left out a model the Hub still shows; kept');
    } catch (error) {
      check.present.push(m.id);
      deps.logger.warn({ repo: m.repo, err: error }, 'could not confirm a model is gone; asked again next time');
    }
  }
  return check;
}
