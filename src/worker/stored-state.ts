import { inArray } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { models } from '../../db/schema.js';

export interface StoredState {
  id: string;
  repo: string;
  private: boolean;
}

/** What is stored for these Hub ids, added to `into`; ids never stored are simply absent. */
export async function loadStored(
  db: Database,
  ids: readonly string[],
  into = new Map<string, StoredState>(),
): Promise<Map<string, StoredState>> {
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .select({ id: models.id, repo: models.repo, private: models.private })
      .from(models)
      .where(inArray(models.id, ids.slice(i, i + 1000)));
    for (const row of rows) into.set(row.id, row);
  }
  return into;
}
