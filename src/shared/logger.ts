import { pino, type Logger } from 'pino';
import { serializeError } from './serialize-error.js';
import { summarizeRepeats } from './summarize-repeats.js';

export type { Logger };

/**
 * JSON lines on stderr, so stdout stays free for the console alerts and command output. A failed
 * query is logged without its parameters, and a failure that repeats is written once with a count.
 */
export function createLogger(
  level: string,
  destination: NodeJS.WritableStream = process.stderr,
  options: { repeatWindowMs?: number } = {},
): Logger {
  return pino(
    {
      level,
      base: { app: 'floodwatch' },
      redact: {
        paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'],
        remove: true,
      },
      serializers: { err: serializeError },
      hooks: { logMethod: summarizeRepeats(options.repeatWindowMs ?? 60_000) },
    },
    destination as pino.DestinationStream,
  );
}

/** A logger that drops everything, for tests and for CLI commands run with LOG_LEVEL=silent. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
