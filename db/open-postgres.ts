import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { tryAdvisoryLock } from './advisory-lock.js';
import { DatabaseConnectError } from './database-connect-error.js';
import type { Database, DatabaseHandle } from './database.js';
import { MIGRATIONS_FOLDER } from './migrations-folder.js';
import * as schema from './schema.js';

// An arbitrary constant that names "floodwatch migrations" among advisory locks.
const MIGRATION_LOCK_KEY = 0x466c6f6f;

/**
 * Migrates under a session advisory lock held on one dedicated connection: the migrator takes no
 * lock of its own, and replicas starting together would otherwise race. This first connection is
 * where a wrong URL shows: its failure is a DatabaseConnectError.
 */
async function migrateLocked(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: unknown) => {
    throw new DatabaseConnectError(error);
  });
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

export async function openPostgres(
  url: string,
  options: { max?: number } = {},
): Promise<DatabaseHandle & { pool: pg.Pool }> {
  await migrateLocked(url);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client that loses its server emits here; without a listener the process would die.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema }) as unknown as Database;
  return {
    db,
    pool,
    kind: 'postgres',
    tryLock: (key) => tryAdvisoryLock(pool, key),
    async close() {
      await pool.end();
    },
  };
}
