import type { LogFn, Logger } from 'pino';
import { serializeError } from './serialize-error.js';

const WARN = 40;

interface Repeating {
  key: string;
  line: string;
  count: number;
  timer: NodeJS.Timeout;
  write(count: number, line: string): void;
}

// Which lines count as the same: level, message and what the error says (its stack may differ).
function keyOf(args: unknown[], level: number): { key: string; line: string } {
  const [first, second] = args;
  const line = typeof first === 'string' ? first : typeof second === 'string' ? second : '';
  const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
  const said = (err === undefined ? {} : serializeError(err)) as Record<string, unknown>;
  return { key: JSON.stringify([level, line, said.type, said.message, said.code, said.statement]), line };
}

/**
 * A pino `logMethod` hook that writes a warning or error once when it repeats: the copies that follow
 * within `windowMs` are counted, and one "previous line repeated" line with the count is written when
 * a different line comes or the window ends.
 */
export function summarizeRepeats(windowMs: number) {
  let repeating: Repeating | undefined;

  function flush(): void {
    const done = repeating;
    if (done === undefined) return;
    repeating = undefined;
    clearTimeout(done.timer);
    if (done.count > 0) done.write(done.count, done.line);
  }

  return function logMethod(this: Logger, args: Parameters<LogFn>, method: LogFn, level: number): void {
    if (level < WARN) {
      flush();
      method.apply(this, args);
      return;
    }
    const { key, line } = keyOf(args, level);
    if (repeating?.key === key) {
      repeating.count += 1;
      return;
    }
    flush();
    method.apply(this, args);
    repeating = {
      key,
      line,
      count: 0,
      timer: setTimeout(flush, windowMs).unref(),
      write: (count, repeated) => method.call(this, { repeated: count, line: repeated }, 'previous line repeated'),
    };
  };
}
