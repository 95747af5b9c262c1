import { afterEach, describe, expect, it, vi } from 'vitest';
import { labs } from '../../db/schema.js';
import { createLogger } from '../../src/shared/logger.js';
import { captureStream } from '../helpers/capture.js';
import { useTestDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
const HUGE = 'x'.repeat(500_000);

/** A real failure from the database: a lab whose country breaks a check, with a 500 KB name as a parameter. */
async function failingInsert(): Promise<unknown> {
  try {
    await database.db.insert(labs).values({ name: HUGE, country: 'not a country' });
  } catch (error) {
    return error;
  }
  throw new Error('the insert was expected to fail');
}

function lines(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('logging a failed query', () => {
  it('names the statement and the cause, never the parameters', async () => {
    const out = captureStream();
    const logger = createLogger('info', out);

    logger.error({ err: await failingInsert() }, 'org poll crashed');

    expect(out.text()).not.toContain('xxxxxxxxxx');
    expect(out.text().length).toBeLessThan(2000);
    expect(lines(out.text())[0]!.err).toEqual({
      type: 'DrizzleQueryError',
      statement: 'insert into labs',
      message: 'new row for relation "labs" violates check constraint "labs_country_iso"',
      code: '23514',
    });
  });

  it('keeps the type, message and stack of any other error', () => {
    const out = captureStream();
    const logger = createLogger('info', out);

    logger.error({ err: new TypeError('no such thing') }, 'tick crashed');

    expect(lines(out.text())[0]!.err).toMatchObject({
      type: 'TypeError',
      message: 'no such thing',
      stack: expect.stringContaining('TypeError: no such thing'),
    });
  });

  it('names the failed query inside an error that wraps it, without its parameters', async () => {
    const out = captureStream();
    const logger = createLogger('info', out);

    logger.error({ err: new Error('the lab was not saved', { cause: await failingInsert() }) }, 'lab add crashed');

    expect(out.text()).not.toContain('xxxxxxxxxx');
    expect(lines(out.text())[0]!.err).toMatchObject({
      message: 'the lab was not saved',
      query: { statement: 'insert into labs', code: '23514' },
    });
  });
});

describe('logging the same failure again and again', () => {
  it('writes it once, then how often it repeated when a different line comes', async () => {
    const out = captureStream();
    const logger = createLogger('info', out);
    const error = await failingInsert();

    for (let i = 0; i < 100; i++) logger.error({ err: error }, 'dispatch crashed');
    logger.info('tick done');

    const written = lines(out.text());
    expect(written.map((line) => line.msg)).toEqual(['dispatch crashed', 'previous line repeated', 'tick done']);
    expect(written[1]).toMatchObject({ level: 50, repeated: 99, line: 'dispatch crashed' });
  });

  it('writes how often it repeated when a minute has passed, then writes it again', () => {
    vi.useFakeTimers();
    const out = captureStream();
    const logger = createLogger('info', out);

    for (let i = 0; i < 5; i++) logger.warn({ err: new Error('socket hang up') }, 'hub poll failed');
    vi.advanceTimersByTime(60_000);
    logger.warn({ err: new Error('socket hang up') }, 'hub poll failed');

    const written = lines(out.text());
    expect(written.map((line) => [line.msg, line.repeated])).toEqual([
      ['hub poll failed', undefined],
      ['previous line repeated', 4],
      ['hub poll failed', undefined],
    ]);
  });

  it('writes every line when the failures differ', () => {
    const out = captureStream();
    const logger = createLogger('info', out);

    logger.warn({ err: new Error('socket hang up') }, 'hub poll failed');
    logger.warn({ err: new Error('read ECONNRESET') }, 'hub poll failed');
    logger.error({ err: new Error('read ECONNRESET') }, 'hub poll failed');

    expect(lines(out.text())).toHaveLength(3);
  });
});
