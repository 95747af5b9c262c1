import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type * as schema from './schema.js';

type Schema = typeof schema;

/** The drizzle database, whichever driver is behind it (PGlite or node-postgres). */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: inside a transaction, pass only the transaction. */
export type Queryable = Database | Transaction;

/** An exclusive lock held by this process until released, or until the process or its connection dies. */
export interface HeldLock {
  /** True once the connection that holds it was lost: another process may hold it now. */
  readonly lost: boolean;
  release(): Promise<void>;
}

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /**
   * Takes the exclusive lock `key` without waiting: undefined when another process holds it. Absent
   * on the embedded database, which one process owns anyway.
   */
  tryLock?(key: number): Promise<HeldLock | undefined>;
  close(): Promise<void>;
}
