import { DrizzleQueryError } from 'drizzle-orm';
import { pino } from 'pino';

// A database's message can quote a value ("invalid input syntax for type integer: ..."); keep it short.
const CAUSE_LIMIT = 300;

/** "insert into labs", "update models", "select from releases": what a statement does, and to which table. */
export function statementName(query: string): string {
  const text = query.replace(/"/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
  const write = /^(insert into|update|delete from) ([\w.]+)/.exec(text);
  if (write) return `${write[1]} ${write[2]}`;
  if (/^(select|with)\b/.test(text)) {
    const table = / from ([\w.]+)/.exec(text);
    return table ? `select from ${table[1]}` : 'select';
  }
  return text.split(' ')[0] ?? '';
}

function summarizeQueryError(error: DrizzleQueryError) {
  const cause = error.cause as { message?: unknown; code?: unknown } | undefined;
  const message = String(cause?.message ?? 'query failed');
  return {
    type: 'DrizzleQueryError',
    statement: statementName(error.query),
    message: message.length > CAUSE_LIMIT ? `${message.slice(0, CAUSE_LIMIT)}…` : message,
    ...(typeof cause?.code === 'string' ? { code: cause.code } : {}),
  };
}

function queryErrorIn(error: unknown): DrizzleQueryError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current instanceof DrizzleQueryError) return current;
  }
  return undefined;
}

/**
 * The logger's `err`: type, message and stack, except that a failed query is named by its statement
 * and its cause, never by its SQL text and parameters, which once made single log lines of 600 KB.
 */
export function serializeError(error: unknown): unknown {
  const query = queryErrorIn(error);
  if (query === undefined) return pino.stdSerializers.err(error as Error);
  if (query === error) return summarizeQueryError(query);
  const outer = error as Error;
  return { type: outer.name, message: outer.message, stack: outer.stack, query: summarizeQueryError(query) };
}
