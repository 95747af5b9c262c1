import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/shared/secret-box.js';
import { createPostgresSlackInstallations } from '../../src/storage/slack-installations.js';
import { newRelease } from '../helpers/slack-harness.js';
import {
  ALERTS_A,
  OAUTH,
  SECRET_KEY,
  SIGNING_SECRET,
  STATE_SECRET,
  TEAM_A,
  TEAM_B,
  seedTwoLabs,
  startOAuthHarness,
  type OAuthHarness,
} from '../helpers/slack-oauth-harness.js';
import { resetDatabase, useTestDatabase } from '../helpers/test-database.js';
import { runCli } from '../helpers/run-cli.js';

const database = useTestDatabase();
let harness: OAuthHarness;
/** Everything floodwatch wrote or answered, to be searched for secrets at the end. */
let written: string[];

beforeEach(async () => {
  await resetDatabase(database);
  harness = await startOAuthHarness(database.db, { logLevel: 'trace' });
  written = [];
});
afterEach(async () => {
  await harness.close();
});

async function record<T>(what: Promise<T>): Promise<T> {
  const value = await what;
  written.push(typeof value === 'string' ? value : JSON.stringify(value));
  return value;
}

/** The install flow by hand, keeping the code Slack issued (a secret as long as it can be exchanged). */
async function install(team: string, codes: string[]): Promise<void> {
  const start = await record(harness.startInstall());
  const redirect = harness.fake.approveInstall(start.authorizeUrl, { teamId: team, userId: 'U0ADMIN' });
  codes.push(new URL(redirect).searchParams.get('code')!);
  await record(harness.finishInstall(redirect, start.cookie));
}

async function cli(env: Record<string, string>, ...argv: string[]): Promise<void> {
  const run = await runCli({ LOG_LEVEL: 'trace', DATA_DIR: '/nonexistent/never-created', ...env }, ...argv);
  written.push(run.out, run.err);
}

describe('secrets never written', () => {
  it('keeps tokens, secrets, keys and codes out of logs, pages, replies, messages, errors and rows', async () => {
    const labIds = await seedTwoLabs(database.db);
    const codes: string[] = [];

    // Installs, one of them failing at the code exchange, one with a forged state.
    harness.fake.failNext('oauth.v2.access', 'invalid_code');
    await install(TEAM_A, codes);
    await install(TEAM_A, codes);
    await install(TEAM_B, codes);
    const start = await harness.startInstall();
    const redirect = new URL(harness.fake.approveInstall(start.authorizeUrl, { teamId: TEAM_B, userId: 'U0ADMIN' }));
    codes.push(redirect.searchParams.get('code')!);
    redirect.searchParams.set('state', 'forged.state');
    await record(harness.finishInstall(redirect.href, 'slack-app-oauth-state=forged.state'));
    const tokens = [harness.fake.team(TEAM_A).botToken, harness.fake.team(TEAM_B).botToken];

    // Commands, one whose admin check fails at Slack.
    await record(harness.command('labs add deepseek-ai'));
    await record(harness.command('alerts subscribe'));
    await record(harness.command('labs add mistralai', { team: TEAM_B }));
    await record(harness.command('alerts subscribe', { team: TEAM_B }));
    harness.fake.failNext('users.info', 'fatal_error');
    await record(harness.command('labs remove mistralai', { team: TEAM_B, user: 'U0MEMBER' }));
    await record(harness.command('model nobody/nothing', { team: TEAM_B, user: 'U0MEMBER' }));

    // Alerts: one sent, one rate limited, one refused, then an uninstall and a command from there.
    await newRelease(database.db, labIds.deepseek, 'deepseek-ai/DeepSeek-V4', harness.clock.now());
    await newRelease(database.db, labIds.mistral, 'mistralai/Mistral-Large-3', harness.clock.now());
    harness.fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: 5 });
    await record(harness.dispatch());
    harness.clock.advance(10_000);
    harness.fake.failNext('chat.postMessage', 'invalid_auth');
    await record(harness.dispatch());
    written.push(...(await harness.fake.uninstall(TEAM_B)).map((d) => d.body));
    await record(harness.command('alerts list', { team: TEAM_B }));
    await record(harness.fake.deliverEvent(TEAM_A, { type: 'app_uninstalled' }, { signingSecret: 'wrong-secret-123' }));

    // A token that does not open, and settings that are refused.
    const wrongKey = createPostgresSlackInstallations(database.db, createSecretBox({ current: Buffer.alloc(32, 1) }));
    written.push(await wrongKey.find(TEAM_A).then(String, (e: Error) => e.message));
    await cli({ FLOODWATCH_SECRET_KEY: SECRET_KEY.toString('hex').slice(1) }, 'secrets', 'rotate');
    await cli(
      {
        SLACK_CLIENT_ID: OAUTH.clientId,
        SLACK_CLIENT_SECRET: OAUTH.clientSecret,
        SLACK_STATE_SECRET: 'short',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: tokens[0]!,
        PUBLIC_URL: 'http://floodwatch.example',
      },
      'start',
    );

    written.push(harness.log.text());
    written.push(...harness.fake.messages(ALERTS_A).map((m) => JSON.stringify(m)));
    written.push(JSON.stringify(harness.fake.team(TEAM_B).messages()));
    for (const table of ['slack_installations', 'subscriptions', 'deliveries', 'workspaces', 'settings'])
      written.push(JSON.stringify(await database.db.execute(sql.raw(`select * from ${table}`))));

    const secrets = {
      clientSecret: OAUTH.clientSecret,
      stateSecret: STATE_SECRET,
      signingSecret: SIGNING_SECRET,
      keyHex: SECRET_KEY.toString('hex'),
      keyBase64: SECRET_KEY.toString('base64'),
      ...Object.fromEntries(tokens.map((t, i) => [`token${i}`, t])),
      ...Object.fromEntries(codes.map((c, i) => [`code${i}`, c])),
    };
    const everything = written.join('\n');
    // The scan means something: debug logging of the code exchange was on, and the alerts went out.
    expect(harness.log.text()).toContain("apiCall('oauth.v2.access') start");
    expect(harness.log.text()).toContain('http request body');
    // One alert went out; the other was rate limited, then refused (which one is up to the order of sends).
    expect(harness.fake.messages().length + harness.fake.team(TEAM_B).messages().length).toBe(1);
    expect(everything).toContain('Slack could not say whether you are a workspace admin');
    expect(tokens.every((t) => t.startsWith('xoxb-'))).toBe(true);
    const found = Object.entries(secrets).filter(([, value]) => everything.includes(value));
    expect(found.map(([name]) => name)).toEqual([]);
  });
});
