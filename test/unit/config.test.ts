import { describe, expect, it } from 'vitest';
import { ConfigError, readEnv, slackMode } from '../../src/config/env.js';

describe('readEnv', () => {
  it('has defaults that run with no environment at all', () => {
    expect(readEnv({})).toMatchObject({
      HF_ENDPOINT: 'https://huggingface.co',
      DATA_DIR: './data',
      POLL_CRON: '*/2 * * * *',
      LOG_LEVEL: 'info',
      METRICS_RETENTION_DAYS: 400,
    });
  });

  it('keeps metric snapshots for a number of days that growth over 30 days can use', () => {
    expect(readEnv({ METRICS_RETENTION_DAYS: '90' }).METRICS_RETENTION_DAYS).toBe(90);
    for (const bad of ['7', 'a year', '12.5']) {
      expect(() => readEnv({ METRICS_RETENTION_DAYS: bad })).toThrow(/METRICS_RETENTION_DAYS must/);
    }
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

describe('readEnv for Slack OAuth', () => {
  const OAUTH = {
    SLACK_CLIENT_ID: '1234.5678',
    SLACK_CLIENT_SECRET: 'client-secret-value',
    SLACK_STATE_SECRET: 'state-secret-value-long-enough',
    SLACK_SIGNING_SECRET: 'signing-secret-value',
    PUBLIC_URL: 'https://floodwatch.example/',
    FLOODWATCH_SECRET_KEY: 'ab'.repeat(32),
  };

  function problemsOf(env: Record<string, string>): string[] {
    try {
      readEnv(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  }

  it('accepts a complete OAuth setup and trims the public URL', () => {
    const config = readEnv(OAUTH);
    expect(slackMode(config)).toBe('oauth');
    expect(config.PUBLIC_URL).toBe('https://floodwatch.example');
    expect(slackMode(readEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toBe('single');
    expect(slackMode(readEnv({}))).toBeUndefined();
  });

  it('refuses OAuth mode without the secret key, saying what it is for and how to make one', () => {
    const { FLOODWATCH_SECRET_KEY: _key, ...withoutKey } = OAUTH;

    const problems = problemsOf(withoutKey);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^FLOODWATCH_SECRET_KEY is needed in Slack OAuth mode \(bot tokens are stored/);
    expect(problems[0]).toContain('openssl rand -hex 32');
  });

  it('names every missing OAuth setting at once, and refuses a bot token or app token beside them', () => {
    const problems = problemsOf({ SLACK_CLIENT_ID: '1.2', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    const names = problems.map((p) => p.split(' ')[0]);
    expect(names.sort()).toEqual(
      [
        'FLOODWATCH_SECRET_KEY',
        'PUBLIC_URL',
        'SLACK_APP_TOKEN',
        'SLACK_BOT_TOKEN',
        'SLACK_CLIENT_SECRET',
        'SLACK_SIGNING_SECRET',
        'SLACK_STATE_SECRET',
      ].sort(),
    );
  });

  it('wants PUBLIC_URL over https, except on this machine, and never echoes a secret', () => {
    expect(problemsOf({ ...OAUTH, PUBLIC_URL: 'http://floodwatch.example' })).toEqual([
      'PUBLIC_URL must be the https URL that reaches PORT (http only for localhost), without a query',
    ]);
    expect(readEnv({ ...OAUTH, PUBLIC_URL: 'http://127.0.0.1:3000' }).PUBLIC_URL).toBe('http://127.0.0.1:3000');
    const problems = problemsOf({ ...OAUTH, SLACK_STATE_SECRET: 'short-secret' }).join('\n');
    expect(problems).toContain('SLACK_STATE_SECRET must be at least 16 characters');
    expect(problems).not.toContain('short-secret');
  });
});
