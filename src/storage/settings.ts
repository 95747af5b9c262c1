import { and, eq, like, lt } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { settings } from '../../db/schema.js';
import type { SettingsPort } from '../ports/settings.js';

/** Settings in the `settings` table; `claim` is one insert, so replicas sharing the database agree. */
export function createPostgresSettingsStore(db: Database): SettingsPort {
  return {
    async get(key) {
      const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
      return row?.value;
    },
    async put(key, value) {
      await db
        .insert(settings)
        .values({ key, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    },
    async claim(key) {
      const rows = await db
        .insert(settings)
        .values({ key, value: '1' })
        .onConflictDoNothing()
        .returning({ key: settings.key });
      return rows.length > 0;
    },
    async forget(prefix, before) {
      const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
      await db.delete(settings).where(and(like(settings.key, `${escaped}%`), lt(settings.updatedAt, before)));
    },
  };
}
