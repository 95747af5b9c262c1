import type { Logger } from 'pino';
import { DatabaseConnectError } from '../../db/database-connect-error.js';
import { DataDirError } from '../../db/data-dir-error.js';
import { openDatabase } from '../../db/open-database.js';
import type { DatabaseHandle } from '../../db/database.js';
import { withoutCredentials } from '../config/database-url.js';
import { readEnv, type Config } from '../config/env.js';
import { SettingError } from '../config/setting-error.js';
import { createLogger } from '../shared/logger.js';

export interface CliIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export interface CliContext {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  io: CliIo;
}

/** Opens the configured database; a failure that comes down to a setting names that setting. */
async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  try {
    return await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  } catch (error) {
    if (error instanceof DataDirError) {
      throw new SettingError('DATA_DIR', config.DATA_DIR, error.reason, { cause: error });
    }
    if (error instanceof DatabaseConnectError && config.DATABASE_URL !== undefined) {
      throw new SettingError('DATABASE_URL', withoutCredentials(config.DATABASE_URL), error.reason, { cause: error });
    }
    throw error;
  }
}

/** Reads the configuration and opens the database (taking the embedded database's lock) for one command. */
export async function withContext<T>(io: CliIo, run: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = readEnv(io.env);
  const logger = createLogger(config.LOG_LEVEL, io.err);
  const database = await openConfiguredDatabase(config);
  try {
    return await run({ config, logger, database, io });
  } finally {
    await database.close();
  }
}

export function print(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}
