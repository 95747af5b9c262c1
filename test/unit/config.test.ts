import { describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from '../../src/config/env.js';

describe('readEnv', () => {
  it('has defaults that run with no environment at all', () => {
    expect(readEnv({})).toMatchObject({
      HF_ENDPOINT: 'https://huggingface.co',
      DATA_DIR: './data',
      POLL_CRON: '*/2 * * * *',
      LOG_LEVEL: 'info',
    });
  });

  it('accepts a six-field cron with seconds and trims a trailing slash from the endpoint', () => {
    const config = readEnv({ POLL_CRON: '*/30 * * * * *', HF_ENDPOINT: 'http://127.0.0.1:9/', DATABASE_URL: '' });
    expect(config.POLL_CRON).toBe('*/30 * * * * *');
    expect(config.HF_ENDPOINT).toBe('http://127.0.0.1:9');
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reports every problem together and never echoes a secret', () => {
    let error: unknown;
    try {
      readEnv({ HF_TOKEN: 'sekrit-value', POLL_CRON: 'often', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect((error as ConfigError).problems).toHaveLength(4);
    expect(problems).toContain('HF_TOKEN');
    expect(problems).toContain('POLL_CRON');
    expect(problems).not.toContain('sekrit-value');
  });

  it('polls 12 labs at once unless POLL_CONCURRENCY says otherwise, and refuses a count out of range', () => {
    expect(readEnv({}).POLL_CONCURRENCY).toBe(12);
    expect(readEnv({ POLL_CONCURRENCY: '2' }).POLL_CONCURRENCY).toBe(2);
    for (const value of ['0', '33', '2.5', 'many']) {
      expect(() => readEnv({ POLL_CONCURRENCY: value })).toThrow(
        'POLL_CONCURRENCY must be a whole number from 1 to 32',
      );
    }
  });

  it('refuses a DATABASE_URL whose host name cannot be one, without echoing the password', () => {
    let error: unknown;
    try {
      readEnv({ DATABASE_URL: 'postgres://bob:sekrit@%%%/db' });
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(['DATABASE_URL has a host name that is not valid ("%%%")']);
    expect((error as ConfigError).message).not.toContain('sekrit');
  });

  it('accepts DATABASE_URLs with a host, an IPv6 address, or a Unix socket directory', () => {
    const urls = [
      'postgres://bob:sekrit@db.example:5432/floodwatch',
      'postgresql://[::1]:5432/floodwatch',
      'postgres:///floodwatch?host=/var/run/postgresql',
      'postgres://%2Fvar%2Frun%2Fpostgresql/floodwatch',
    ];

    for (const url of urls) expect(readEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });
});
