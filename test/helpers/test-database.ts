import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { openPglite } from '../../db/open-pglite.js';
import { openPostgres } from '../../db/open-postgres.js';

export interface TestDatabase extends DatabaseHandle {
  /** For PostgreSQL, the URL of this test's own database. */
  url?: string;
}

/**
 * A migrated, empty database of its own for a test file: in-memory PGlite from a dump taken once,
 * or a PostgreSQL database cloned from a migrated template when the run targets PostgreSQL.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.FW_TEST_DB !== 'postgres') {
    const dump = await readFile(inject('pgliteDump'));
    return openPglite({ loadDataDir: new Blob([dump]) });
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `fw_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const handle = await openPostgres(u.href, { max: 4 });
  return {
    ...handle,
    url: u.href,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: base });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

const TABLES = [
  'slack_installations',
  'model_snapshots',
  'settings',
  'deliveries',
  'subscriptions',
  'models',
  'releases',
  'workspace_labs',
  'lab_orgs',
  'labs',
  'workspaces',
];

/** Empties every table, so tests in one file can share one database. */
export async function resetDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(sql.raw(`truncate ${TABLES.join(', ')} restart identity cascade`));
}

/**
 * One database for the enclosing file or describe block: created before its tests and closed after.
 * The handle it returns reads through to that database, so tests use it like any other.
 */
export function useTestDatabase(): TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.close();
  });
  const open = (): TestDatabase => {
    if (current === undefined) throw new Error('the test database is used before its beforeAll ran');
    return current;
  };
  return {
    get db() {
      return open().db;
    },
    get kind() {
      return open().kind;
    },
    get url() {
      return open().url;
    },
    get tryLock() {
      return open().tryLock;
    },
    // The hook above closes it; a test must not.
    async close() {},
  };
}
