import { and, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { models } from '../../db/schema.js';
import type { HubSource } from '../sources/hf-hub/client.js';
import { mergeRuntimes } from '../sources/hf-hub/runtimes.js';
import { factsOf, readFactFiles } from './fetch-facts.js';

/** A new release's facts that missed its alert are asked again for this long. */
const RECENT_DAYS = 7;
/** Models asked about per metrics refresh at most: two requests each. */
const MAX_ASKED = 4;
/** No alert waits on these reads, so they get longer than the alert's deadline. */
const REFILL_DEADLINE_MS = 20_000;

/**
 * Reads again the config.json and card of recent originals whose files were slow, failing or left
 * out of a burst when they were released, so `/model` tells what the alert could not. At most
 * MAX_ASKED models per metrics refresh, newest first; what is read is added, what is known is kept.
 * Returns how many models were asked about.
 */
export async function refillFacts(deps: {
  db: Database;
  hub: HubSource;
  logger: Logger;
  now: () => Date;
  signal?: AbortSignal | undefined;
  deadlineMs?: number | undefined;
}): Promise<number> {
  const since = new Date(deps.now().getTime() - RECENT_DAYS * 86_400_000);
  const missing = await deps.db
    .select({ id: models.id, repo: models.repo, library: models.library, runsOn: models.runsOn })
    .from(models)
    .where(
      and(
        isNull(models.factsAt),
        eq(models.isVariant, false),
        eq(models.private, false),
        isNull(models.removedAt),
        isNotNull(models.firstSeenPublicAt),
        gt(models.firstSeenPublicAt, since),
      ),
    )
    .orderBy(desc(models.firstSeenPublicAt))
    .limit(MAX_ASKED);
  if (missing.length === 0) return 0;
  const files = await readFactFiles(
    { ...deps, deadlineMs: deps.deadlineMs ?? REFILL_DEADLINE_MS },
    missing,
    'asked again at the next metrics refresh',
  );
  const now = deps.now();
  for (const m of missing) {
    const read = files.get(m.id);
    if (read === undefined) continue;
    const found = factsOf({ library: m.library ?? undefined }, read, now);
    await deps.db
      .update(models)
      .set({
        experts: sql`coalesce(${found.experts ?? null}::integer, ${models.experts})`,
        expertsActive: sql`coalesce(${found.expertsActive ?? null}::integer, ${models.expertsActive})`,
        contextLength: sql`coalesce(${found.contextLength ?? null}::integer, ${models.contextLength})`,
        cardLine: sql`coalesce(${found.cardLine ?? null}::text, ${models.cardLine})`,
        runsOn: mergeRuntimes(m.runsOn ?? [], found.runsOn),
        factsAt: found.factsAt ?? null,
      })
      .where(eq(models.id, m.id));
  }
  deps.logger.info({ asked: missing.length, read: files.size }, 'facts of recent releases asked again');
  return missing.length;
}
