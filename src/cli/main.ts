import { ConfigError } from '../config/env.js';
import { SettingError } from '../config/setting-error.js';
import { DataDirDamagedError } from '../../db/data-dir-damaged-error.js';
import { DataDirLockedError } from '../../db/data-dir-lock.js';
import { UserError } from '../shared/user-error.js';
import { UsageError } from './cli-error.js';
import { print, type CliIo } from './context.js';
import { runBackfill } from './run-backfill.js';
import { runCommands } from './run-commands.js';
import { runDeliveries } from './run-deliveries.js';
import { runLabs } from './run-labs.js';
import { runPoll } from './run-poll.js';
import { runReleases } from './run-releases.js';
import { runRun } from './run-run.js';
import { runSecrets } from './run-secrets.js';
import { runStart } from './run-start.js';
import { USAGE, type UsageTopic } from './usage.js';

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  start: runStart,
  poll: runPoll,
  labs: runLabs,
  releases: runReleases,
  backfill: runBackfill,
  commands: runCommands,
  deliveries: runDeliveries,
  run: runRun,
  secrets: runSecrets,
};

function usageOf(topic: string): string {
  return USAGE[(topic in USAGE ? topic : 'main') as UsageTopic];
}

// A wrong setting or an unusable database: the message says what and what to do; a stack would not help.
function saysItAll(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof SettingError ||
    error instanceof DataDirLockedError ||
    error instanceof DataDirDamagedError
  );
}

/** Runs one CLI invocation and returns its exit code: 0 done, 1 failed, 2 bad usage. */
export async function main(
  argv: string[],
  io: CliIo = { out: process.stdout, err: process.stderr, env: process.env },
): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    print(io.out, usageOf(args[0] ?? 'main'));
    return 0;
  }
  const run = COMMANDS[command];
  if (run === undefined) {
    print(io.err, `floodwatch: unknown command "${command}"\n\n${USAGE.main}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    print(io.out, usageOf(command));
    return 0;
  }
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      print(io.err, `floodwatch ${command}: ${error.message}\n\n${usageOf(error.topic)}`);
      return 2;
    }
    if (error instanceof UserError) {
      print(io.err, `floodwatch ${command}: ${error.message}`);
      return 2;
    }
    if (saysItAll(error)) {
      print(io.err, `floodwatch ${command}: ${error.message}`);
      return 1;
    }
    print(
      io.err,
      `floodwatch ${command} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}
