import type { AddressInfo } from 'node:net';
import { App, LogLevel, type Logger } from '@slack/bolt';
import { WebAPIPlatformError, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './index.js';

const OAUTH = { clientId: '1111.2222', clientSecret: 'fake-client-secret', appId: 'A0FLOOD' };
const SIGNING_SECRET = 'test-signing-secret';
const REDIRECT = 'https://floodwatch.example/slack/oauth_redirect';

function silentLogger(): Logger {
  return {
    debug() {},
    info() {},
    warn() {},
    error() {},
    setLevel() {},
    getLevel: () => LogLevel.ERROR,
    setName() {},
  };
}

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL('https://slack.com/oauth/v2/authorize');
  for (const [key, value] of Object.entries({ client_id: OAUTH.clientId, scope: 'commands,chat:write', ...params }))
    url.searchParams.set(key, value);
  return url.href;
}

async function errorOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data.error;
}

describe('fake Slack OAuth v2 and token revocation', () => {
  let fake: FakeSlack;
  let noToken: WebClient;
  const client = (token: string) =>
    new WebClient(token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
  const exchange = (code: string, overrides: Record<string, string> = {}) =>
    noToken.oauth.v2.access({
      client_id: OAUTH.clientId,
      client_secret: OAUTH.clientSecret,
      code,
      redirect_uri: REDIRECT,
      ...overrides,
    });
  const codeOf = (redirect: string) => new URL(redirect).searchParams.get('code')!;

  beforeEach(async () => {
    fake = await startFakeSlack({ teamId: 'T0ONE', installed: false, oauth: OAUTH });
    fake.addTeam({ teamId: 'T0TWO', teamName: 'Second' });
    noToken = client('');
  });
  afterEach(async () => {
    await fake.close();
  });

  it('redirects with a code and the state, and exchanges the code once for a bot token of that team', async () => {
    const redirect = fake.approveInstall(authorizeUrl({ redirect_uri: REDIRECT, state: 'st.ate' }), {
      teamId: 'T0TWO',
      userId: 'U0ADMIN',
    });
    const url = new URL(redirect);

    const result = await exchange(codeOf(redirect));

    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT);
    expect(url.searchParams.get('state')).toBe('st.ate');
    expect(result).toMatchObject({
      ok: true,
      app_id: 'A0FLOOD',
      token_type: 'bot',
      scope: 'commands,chat:write',
      team: { id: 'T0TWO', name: 'Second' },
      authed_user: { id: 'U0ADMIN' },
      is_enterprise_install: false,
    });
    expect(result.access_token).toBe(fake.team('T0TWO').botToken);
    expect(await client(result.access_token!).auth.test()).toMatchObject({ team_id: 'T0TWO' });
    expect(fake.team('T0ONE').botToken).toBe('');
    expect(await errorOf(exchange(codeOf(redirect)))).toBe('invalid_code');
  });

  it('refuses a wrong client secret, another redirect URI, and an unknown code', async () => {
    const url = authorizeUrl({ redirect_uri: REDIRECT });
    const approve = () => codeOf(fake.approveInstall(url, { teamId: 'T0ONE', userId: 'U1' }));

    expect(await errorOf(exchange(approve(), { client_secret: 'guessed' }))).toBe('bad_client_secret');
    expect(await errorOf(exchange(approve(), { redirect_uri: 'https://evil.example/cb' }))).toBe('bad_redirect_uri');
    expect(await errorOf(exchange('made-up-code'))).toBe('invalid_code');
    expect(fake.team('T0ONE').botToken).toBe('');
  });

  it('redirects with access_denied when the user cancels, and refuses another client id', () => {
    const denied = new URL(
      fake.approveInstall(authorizeUrl({ redirect_uri: REDIRECT, state: 's' }), {
        teamId: 'T0ONE',
        userId: 'U1',
        deny: true,
      }),
    );

    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('code')).toBeNull();
    expect(() =>
      fake.approveInstall(authorizeUrl({ client_id: 'other', redirect_uri: REDIRECT }), {
        teamId: 'T0ONE',
        userId: 'U1',
      }),
    ).toThrow('invalid_client_id');
  });

  it('answers token_revoked once auth.revoke revoked a token, and a reinstall mints a new one', async () => {
    const url = authorizeUrl({ redirect_uri: REDIRECT });
    const first = await exchange(codeOf(fake.approveInstall(url, { teamId: 'T0ONE', userId: 'U1' })));
    const bot = client(first.access_token!);

    expect(await bot.auth.revoke({ test: true })).toMatchObject({ revoked: false });
    expect(await bot.auth.revoke()).toMatchObject({ ok: true, revoked: true });
    expect(await errorOf(bot.auth.test())).toBe('token_revoked');
    const again = await exchange(codeOf(fake.approveInstall(url, { teamId: 'T0ONE', userId: 'U1' })));
    expect(again.access_token).not.toBe(first.access_token);
    expect(fake.calls.at(-1)).toMatchObject({ method: 'oauth.v2.access', teamId: undefined });
  });
});

describe('fake Slack delivering signed events to a real Bolt app', () => {
  let fake: FakeSlack;
  let app: App;
  let received: { type: string; teamId: string | undefined }[];

  beforeEach(async () => {
    fake = await startFakeSlack({ teamId: 'T0ONE', botToken: 'xoxb-one', oauth: OAUTH });
    received = [];
    app = new App({
      signingSecret: SIGNING_SECRET,
      authorize: async () => ({ botToken: 'xoxb-one' }),
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
      logger: silentLogger(),
    });
    for (const type of ['app_uninstalled', 'tokens_revoked'] as const)
      app.event(type, async ({ body }) => {
        received.push({ type, teamId: body.team_id });
      });
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    fake.setEventsUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, SIGNING_SECRET);
  });
  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  it('revokes the token on uninstall and sends app_uninstalled and tokens_revoked, both accepted', async () => {
    const deliveries = await fake.uninstall('T0ONE');

    expect(deliveries.map((d) => [d.type, d.status])).toEqual([
      ['app_uninstalled', 200],
      ['tokens_revoked', 200],
    ]);
    await expect
      .poll(() => received)
      .toEqual([
        { type: 'app_uninstalled', teamId: 'T0ONE' },
        { type: 'tokens_revoked', teamId: 'T0ONE' },
      ]);
    expect(await errorOf(client('xoxb-one'))).toBe('token_revoked');
  });

  it('sends tokens_revoked after auth.revoke, and a forged event is refused', async () => {
    await new WebClient('xoxb-one', { slackApiUrl: fake.apiUrl, logger: silentLogger() }).auth.revoke();
    const [sent] = await fake.eventsSettled();
    const forged = await fake.deliverEvent('T0ONE', { type: 'app_uninstalled' }, { signingSecret: 'guessed' });

    expect(sent).toMatchObject({ type: 'tokens_revoked', status: 200 });
    expect(forged.status).toBe(401);
    await expect.poll(() => received).toEqual([{ type: 'tokens_revoked', teamId: 'T0ONE' }]);
  });

  function client(token: string) {
    return new WebClient(token, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logger: silentLogger(),
    }).auth.test();
  }
});
