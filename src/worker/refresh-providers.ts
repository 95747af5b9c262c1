import { and, desc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { models } from '../../db/schema.js';
import type { HubSource } from '../sources/hf-hub/client.js';
import { HubUnavailableError } from '../sources/hf-hub/errors.js';

/** Providers come days after a launch: recent originals are asked again for this long. */
const RECENT_DAYS = 14;
/** Model-info requests per metrics refresh at most. */
const MAX_ASKED = 10;

/**
 * For orgs whose metrics listing did not say which providers serve their models, asks the Hub for the
 * providers of their recent originals one by one, newest first, at most MAX_ASKED per refresh. A failed
 * request keeps what is stored. Returns how many models were asked about.
 */
export async function refreshProviders(
  deps: { db: Database; hub: HubSource; logger: Logger; now: () => Date; signal?: AbortSignal | undefined },
  orgs: readonly string[],
): Promise<number> {
  if (orgs.length === 0) return 0;
  const since = new Date(deps.now().getTime() - RECENT_DAYS * 86_400_000);
  const recent = await deps.db
    .select({ id: models.id, repo: models.repo })
    .from(models)
    .where(
      and(
        eq(models.isVariant, false),
        eq(models.private, false),
        isNotNull(models.firstSeenPublicAt),
        gt(models.firstSeenPublicAt, since),
        sql`lower(${models.org}) in (${sql.join(
          orgs.map((o) => sql`${o.toLowerCase()}`),
          sql`, `,
        )})`,
      ),
    )
    .orderBy(desc(models.firstSeenPublicAt))
    .limit(MAX_ASKED);
  let asked = 0;
  for (const { id, repo } of recent) {
    if (deps.signal?.aborted) break;
    try {
      const providers = await deps.hub.providers(repo);
      asked++;
      if (providers !== undefined) await deps.db.update(models).set({ providers }).where(eq(models.id, id));
    } catch (error) {
      if (!(error instanceof HubUnavailableError)) throw error;
      deps.logger.warn({ repo, reason: error.reason }, 'providers refresh failed; kept what is known');
      break;
    }
  }
  return asked;
}
