import { secretBoxFromConfig } from '../app/secret-box-from-config.js';
import { readEnv } from '../config/env.js';
import { PREVIOUS_SECRET_KEY_VARIABLE, SECRET_KEY_VARIABLE } from '../config/secret-keys.js';
import { resealSecrets } from '../storage/slack-installations.js';
import { UsageError } from './cli-error.js';
import { print, withContext, type CliIo } from './context.js';
import { parseCommand } from './parse.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `secrets rotate`: seals every stored secret again with FLOODWATCH_SECRET_KEY, opening those sealed
 * with FLOODWATCH_SECRET_KEY_PREVIOUS. Running it again changes nothing. Exit 1 when a secret was
 * sealed with neither key (it is left as it was).
 */
export async function runSecrets(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'rotate')
    throw new UsageError(
      sub === undefined ? 'secrets needs a subcommand: rotate' : `unknown secrets subcommand "${sub}"`,
      'secrets',
    );
  parseCommand(rest, {}, 'secrets');
  // A bad key is reported before the database is opened.
  const box = secretBoxFromConfig(readEnv(io.env));
  return withContext(io, async ({ database }) => {
    const result = await resealSecrets(database.db, box);
    print(
      io.out,
      `re-sealed ${result.resealed} of ${plural(result.total, 'stored secret')} with key ${box.keyId}` +
        ` (${result.current} already used it)`,
    );
    if (result.unreadable.length === 0) return 0;
    const keyIds = [...new Set(result.unreadable.map((u) => u.keyId))].join(', ');
    print(
      io.err,
      `${plural(result.unreadable.length, 'stored secret')} sealed with key ${keyIds} could not be opened: ` +
        `that key is neither ${SECRET_KEY_VARIABLE} nor ${PREVIOUS_SECRET_KEY_VARIABLE}; ` +
        `set ${PREVIOUS_SECRET_KEY_VARIABLE} to it and run this again`,
    );
    return 1;
  });
}
