import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON lines on stderr, so stdout stays free for the console alerts and command output. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { app: 'floodwatch' },
      redact: { paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'], remove: true },
    },
    destination as pino.DestinationStream,
  );
}

/** A logger that drops everything, for tests and for CLI commands run with LOG_LEVEL=silent. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
