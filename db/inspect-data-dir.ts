import { readdirSync } from 'node:fs';
import { DataDirError } from './data-dir-error.js';

/** Left in the directory while a new database is created there; still there means it was interrupted. */
export const CREATING_MARKER = 'floodwatch.creating';
const LOCK_FILE = 'floodwatch.lock';

export type DataDirState = 'empty' | 'interrupted' | 'database';

/**
 * What an existing data directory holds. A directory with other files but no PG_VERSION is refused,
 * never turned into a new database: it may be a database that lost a file, or somebody's own files.
 */
export function inspectDataDir(dataDir: string): DataDirState {
  const entries = readdirSync(dataDir);
  if (entries.includes(CREATING_MARKER)) return 'interrupted';
  if (entries.includes('PG_VERSION')) return 'database';
  if (entries.every((entry) => entry === LOCK_FILE)) return 'empty';
  throw new DataDirError(
    dataDir,
    'has files but no PG_VERSION, so it does not look like a floodwatch database; nothing was changed. ' +
      'Point DATA_DIR at an empty or missing directory for a new database, or restore the database into this one',
  );
}
