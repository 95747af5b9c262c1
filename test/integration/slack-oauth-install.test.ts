import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackInstallations, workspaces } from '../../db/schema.js';
import { main } from '../../src/cli/main.js';
import { BOT_SCOPES } from '../../src/platforms/slack/index.js';
import { captureStream } from '../helpers/capture.js';
import {
  OAUTH,
  SECRET_KEY,
  STATE_COOKIE,
  TEAM_A,
  startOAuthHarness,
  type OAuthHarness,
} from '../helpers/slack-oauth-harness.js';
import { shownText } from '../helpers/slack-harness.js';
import { resetDatabase, useTestDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
let harness: OAuthHarness;

beforeEach(async () => {
  await resetDatabase(database);
  harness = await startOAuthHarness(database.db);
});
afterEach(async () => {
  await harness.close();
});

function exchanges(): number {
  return harness.fake.calls.filter((c) => c.method === 'oauth.v2.access').length;
}

async function nothingStored(): Promise<void> {
  expect(await database.db.select().from(slackInstallations)).toEqual([]);
  expect(exchanges()).toBe(0);
}

/** The same install, with the state in Slack's redirect (and the cookie) swapped for `state`. */
function withState(redirect: string, state: string): string {
  const url = new URL(redirect);
  url.searchParams.set('state', state);
  return url.href;
}

describe('Slack OAuth install', () => {
  it('shows an Add to Slack page asking for the manifest scopes, with a signed state in a cookie', async () => {
    const start = await harness.startInstall();

    expect(start.status).toBe(200);
    expect(start.html).toContain('Add to Slack');
    const url = new URL(start.authorizeUrl);
    expect(url.searchParams.get('client_id')).toBe(OAUTH.clientId);
    expect(url.searchParams.get('scope')).toBe(BOT_SCOPES.join(','));
    expect(url.searchParams.get('redirect_uri')).toBe(`${harness.publicUrl}/slack/oauth_redirect`);
    expect(start.cookie).toBe(`${STATE_COOKIE}=${url.searchParams.get('state')}`);
  });

  it('stores the installation with its token sealed, says what to do next, and serves that workspace', async () => {
    const result = await harness.install(TEAM_A);

    expect(result.status).toBe(200);
    expect(result.html).toContain('floodwatch is installed in Alpha');
    expect(result.html).toContain('/floodwatch alerts subscribe');
    const [row] = await database.db.select().from(slackInstallations);
    const token = harness.fake.team(TEAM_A).botToken;
    expect(token).toMatch(/^xoxb-/);
    expect(row).toMatchObject({ teamId: TEAM_A, botUserId: 'U0FAKEBOT', installedBy: 'U0ADMIN' });
    expect(row!.scopes).toEqual([...BOT_SCOPES]);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await database.db.select().from(workspaces)).toMatchObject([{ id: `slack:${TEAM_A}`, name: 'Alpha' }]);

    const answer = await harness.command('alerts subscribe');

    expect(shownText(answer.body)).toContain('Subscribed this channel');
    // The admin check asked Slack with this workspace's own token.
    const usersInfo = harness.fake.calls.find((c) => c.method === 'users.info');
    expect(usersInfo).toMatchObject({ token, teamId: TEAM_A, status: 200 });
  });

  it('refuses a forged state, and a state from another browser, and stores nothing', async () => {
    const start = await harness.startInstall();
    const redirect = harness.fake.approveInstall(start.authorizeUrl, { teamId: TEAM_A, userId: 'U0ADMIN' });
    const [payload, signature] = new URL(redirect).searchParams.get('state')!.split('.');
    const forged = `${payload}.${createHmac('sha256', 'guessed-secret').update(payload!).digest('base64url')}`;
    const other = Buffer.from('{"o":{"scopes":["admin"]},"t":0,"n":"x"}').toString('base64url');
    // Our own signature over other install options: the payload was changed after signing.
    const changed = `${other}.${signature}`;

    const results = [
      await harness.finishInstall(withState(redirect, forged), `${STATE_COOKIE}=${forged}`),
      await harness.finishInstall(withState(redirect, changed), `${STATE_COOKIE}=${changed}`),
      await harness.finishInstall(redirect),
      await harness.finishInstall(redirect, `${STATE_COOKIE}=someone-elses`),
    ];

    for (const result of results) {
      expect(result.status).toBe(400);
      expect(result.html).toContain('This install link does not work any more');
    }
    await nothingStored();
  });

  it('refuses a state older than ten minutes and stores nothing', async () => {
    const start = await harness.startInstall();
    const redirect = harness.fake.approveInstall(start.authorizeUrl, { teamId: TEAM_A, userId: 'U0ADMIN' });
    harness.clock.advance(10 * 60_000 + 1_000);

    const result = await harness.finishInstall(redirect, start.cookie);

    expect(result.status).toBe(400);
    expect(result.html).toContain('It expired');
    await nothingStored();
  });

  it('says the install was cancelled when the user declines, and stores nothing', async () => {
    const start = await harness.startInstall();
    const redirect = harness.fake.approveInstall(start.authorizeUrl, { teamId: TEAM_A, userId: 'U0ADMIN', deny: true });

    const result = await harness.finishInstall(redirect, start.cookie);

    expect(result.status).toBe(400);
    expect(result.html).toContain('Installation cancelled');
    await nothingStored();
  });

  it('stores nothing when Slack refuses the code, and says so without details', async () => {
    harness.fake.failNext('oauth.v2.access', 'invalid_code');

    const result = await harness.install(TEAM_A);

    expect(result.status).toBe(502);
    expect(result.html).toContain('floodwatch could not be installed');
    expect(result.html).not.toContain('invalid_code');
    expect(await database.db.select().from(slackInstallations)).toEqual([]);
    expect(harness.log.text()).toContain('slack install refused');
  });
});

describe('floodwatch start in Slack OAuth mode', () => {
  const env = {
    LOG_LEVEL: 'silent',
    DATA_DIR: '/nonexistent/never-created',
    SLACK_CLIENT_ID: OAUTH.clientId,
    SLACK_CLIENT_SECRET: OAUTH.clientSecret,
    SLACK_STATE_SECRET: 'state-secret-long-enough-1',
    SLACK_SIGNING_SECRET: 'signing-secret-1',
    PUBLIC_URL: 'https://floodwatch.example',
  };

  async function start(extra: Record<string, string>) {
    const out = captureStream();
    const err = captureStream();
    const code = await main(['start'], { out, err, env: { ...env, ...extra } });
    return { code, err: err.text() };
  }

  it('refuses to start without FLOODWATCH_SECRET_KEY, or with a key that is not 32 bytes, naming it', async () => {
    const missing = await start({});
    const bad = await start({ FLOODWATCH_SECRET_KEY: SECRET_KEY.toString('hex').slice(2) });

    expect(missing.code).toBe(1);
    expect(missing.err).toContain('FLOODWATCH_SECRET_KEY is needed in Slack OAuth mode');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('FLOODWATCH_SECRET_KEY (62 characters, not shown): must be 32 random bytes');
    expect(bad.err).not.toContain(SECRET_KEY.toString('hex').slice(2));
  });
});
