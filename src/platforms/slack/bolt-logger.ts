import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import { createRedactor, redactedError, type Redact } from './redact.js';

const LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/**
 * Bolt, its installer and its Web API client log through pino; pino's level decides, Bolt's setLevel is
 * ignored. Every line is redacted: at debug level the client writes request bodies, which for an OAuth
 * exchange hold the client secret and the code.
 */
export function boltLogger(logger: Logger, redact: Redact = createRedactor()): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]): void => {
      const err = parts.find((p): p is Error => p instanceof Error);
      const text = parts
        .filter((p) => !(p instanceof Error))
        .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
        .join(' ');
      if (err) log[level]({ err: redactedError(err, redact) }, redact(text || err.message));
      else log[level](redact(text));
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel() {},
    getLevel: () => LEVELS[logger.level] ?? LogLevel.INFO,
    setName() {},
  };
}
