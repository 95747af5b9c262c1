import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { ensureDataDir } from './create-data-dir.js';
import { explainOpenFailure } from './explain-open-failure.js';
import { lockDataDir } from './data-dir-lock.js';
import { inspectDataDir } from './inspect-data-dir.js';
import { makeDataDir } from './make-data-dir.js';
import type { Database, DatabaseHandle } from './database.js';
import { MIGRATIONS_FOLDER } from './migrations-folder.js';
import * as schema from './schema.js';

/** Settings that keep an embedded database lean; the defaults cost about 300 MB of RSS when idle. */
export const PGLITE_SETTINGS = [
  'shared_buffers=8MB',
  'work_mem=4MB',
  'maintenance_work_mem=16MB',
  'max_wal_size=64MB',
  'min_wal_size=32MB',
];

export interface PgliteOptions {
  /** A directory for the data; undefined keeps everything in memory (tests). */
  dataDir?: string;
  /** A dump of a migrated database to start from (tests). */
  loadDataDir?: Blob;
}

/**
 * Opens the embedded database, holding an exclusive lock on its data directory, and migrates it. A new
 * database is created only in a missing or empty directory; any other that is not one is refused.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<DatabaseHandle & { client: PGlite }> {
  if (options.dataDir !== undefined) {
    makeDataDir(options.dataDir);
    // Refused before the lock file is written into a directory that is not ours.
    inspectDataDir(options.dataDir);
  }
  const lock = options.dataDir === undefined ? undefined : lockDataDir(options.dataDir);
  try {
    if (options.dataDir !== undefined) await ensureDataDir(options.dataDir);
    const client = await PGlite.create({
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
      postgresqlconf: PGLITE_SETTINGS,
    }).catch((error: unknown) => {
      throw options.dataDir === undefined ? error : explainOpenFailure(options.dataDir, error);
    });
    const db = drizzle(client, { schema }) as unknown as Database;
    if (options.loadDataDir === undefined) await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db,
      client,
      kind: 'pglite',
      async close() {
        try {
          if (!client.closed) await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
