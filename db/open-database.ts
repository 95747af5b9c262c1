import type { DatabaseHandle } from './database.js';
import { openPglite } from './open-pglite.js';
import { openPostgres } from './open-postgres.js';
import { seedDefaults } from './seed.js';

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** PostgreSQL when a URL is given, otherwise the embedded database in `dataDir`; migrated and seeded. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const handle = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite({ dataDir: options.dataDir });
  try {
    await seedDefaults(handle.db);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
