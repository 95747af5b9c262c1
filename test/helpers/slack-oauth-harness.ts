import type { Database } from '../../db/database.js';
import { labOrgs, labs } from '../../db/schema.js';
import { COMMANDS } from '../../commands/index.js';
import { dispatchDue } from '../../src/delivery/dispatcher.js';
import { createSlackApp, type SlackApp } from '../../src/platforms/slack/index.js';
import { createHttpServer, type HttpServer } from '../../src/shared/http-server.js';
import { createLogger, type Logger } from '../../src/shared/logger.js';
import { createSecretBox } from '../../src/shared/secret-box.js';
import { createPostgresServices } from '../../src/storage/create-services.js';
import { createPostgresSlackInstallations } from '../../src/storage/slack-installations.js';
import { postSlashCommand, startFakeSlack, type FakeSlack, type SlashCommandReply } from '../fakes/slack/index.js';
import { captureStream } from './capture.js';
import { createTestClock } from './test-clock.js';

export const OAUTH = { clientId: '1111.2222', clientSecret: 'oauth-client-secret-3f9a1c', appId: 'A0FLOOD' };
export const STATE_SECRET = 'oauth-state-secret-7d2e5b8c';
export const SIGNING_SECRET = 'oauth-signing-secret-9b4d1e';
export const SECRET_KEY = Buffer.from('5a'.repeat(32), 'hex');
export const TEAM_A = 'T0ALPHA';
export const TEAM_B = 'T0BETA';
export const ALERTS_A = 'C0AALERTS';
export const ALERTS_B = 'C0BALERTS';
export const HUB_URL = 'https://huggingface.co';
const STATE_COOKIE = 'slack-app-oauth-state';

const USERS = [
  { id: 'U0ADMIN', name: 'alice', is_admin: true },
  { id: 'U0MEMBER', name: 'bob' },
];

export interface InstallStart {
  status: number;
  html: string;
  authorizeUrl: string;
  /** The state cookie the install page set, as a browser would send it back. */
  cookie: string;
}

export interface OAuthHarness {
  fake: FakeSlack;
  slack: SlackApp;
  clock: ReturnType<typeof createTestClock>;
  log: ReturnType<typeof captureStream>;
  logger: Logger;
  publicUrl: string;
  startInstall(): Promise<InstallStart>;
  /** Follows Slack's redirect back to the app, with the cookie (or without one). */
  finishInstall(redirectUrl: string, cookie?: string): Promise<{ status: number; html: string }>;
  /** The whole flow: install page, approval on Slack by `user` of `team`, redirect back. */
  install(team: string, user?: string): Promise<{ status: number; html: string }>;
  command(text: string, options?: { team?: string; user?: string; channel?: string }): Promise<SlashCommandReply>;
  dispatch(): ReturnType<typeof dispatchDue>;
  close(): Promise<void>;
}

/**
 * The Slack app in OAuth mode on the service's HTTP listener, with a fake Slack holding two teams
 * where it is not installed yet (Alpha and Beta), a test clock, and the installations on `db`.
 */
export async function startOAuthHarness(
  db: Database,
  options: {
    keys?: { current: Buffer; previous?: Buffer[] };
    logLevel?: string;
    fetch?: typeof fetch;
    /** A fake Slack of an earlier harness, to start the app again against the same teams (not closed here). */
    fake?: FakeSlack;
  } = {},
): Promise<OAuthHarness> {
  const fake = options.fake ?? (await startTwoTeams());
  const clock = createTestClock();
  const log = captureStream();
  const logger = createLogger(options.logLevel ?? 'info', log);
  const server: HttpServer = createHttpServer({ logger });
  const port = await server.listen(0, '127.0.0.1');
  const publicUrl = `http://127.0.0.1:${port}`;
  const box = createSecretBox(options.keys ?? { current: SECRET_KEY });
  const slack = createSlackApp({
    oauth: {
      ...OAUTH,
      stateSecret: STATE_SECRET,
      publicUrl,
      installations: createPostgresSlackInstallations(db, box),
    },
    signingSecret: SIGNING_SECRET,
    adminUserIds: [],
    apiUrl: fake.apiUrl,
    server,
    port: 0,
    services: createPostgresServices(db),
    commands: COMMANDS,
    logger,
    hubUrl: HUB_URL,
    now: () => clock.now(),
    fetch: options.fetch,
  });
  const started = await slack.start();
  if (!started.ok) throw new Error(`slack app did not start: ${started.error}`);
  fake.setEventsUrl(`${publicUrl}/slack/events`, SIGNING_SECRET);

  async function startInstall(): Promise<InstallStart> {
    const response = await fetch(`${publicUrl}/slack/install`);
    const html = await response.text();
    const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]*)"/.exec(html)?.[1] ?? '';
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { status: response.status, html, authorizeUrl: href.replace(/&amp;/g, '&'), cookie };
  }

  async function finishInstall(redirectUrl: string, cookie?: string) {
    const response = await fetch(redirectUrl, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    return { status: response.status, html: await response.text() };
  }

  let sent = 0;
  return {
    fake,
    slack,
    clock,
    log,
    logger,
    publicUrl,
    startInstall,
    finishInstall,
    async install(team, user = 'U0ADMIN') {
      const start = await startInstall();
      return finishInstall(fake.approveInstall(start.authorizeUrl, { teamId: team, userId: user }), start.cookie);
    },
    command(text, { team = TEAM_A, user = 'U0ADMIN', channel = team === TEAM_A ? ALERTS_A : ALERTS_B } = {}) {
      sent += 1;
      return postSlashCommand(`${publicUrl}/slack/events`, {
        signingSecret: SIGNING_SECRET,
        fields: {
          command: '/floodwatch',
          text,
          user_id: user,
          team_id: team,
          channel_id: channel,
          response_url: fake.responseUrl(`cmd-${sent}`),
        },
      });
    },
    dispatch: () => dispatchDue({ db, adapters: [slack], logger, now: () => clock.now() }),
    async close() {
      await slack.stop();
      await server.close();
      if (options.fake === undefined) await fake.close();
    },
  };
}

export { STATE_COOKIE };

/** Alpha and Beta, where the app is not installed yet. */
async function startTwoTeams(): Promise<FakeSlack> {
  const fake = await startFakeSlack({
    teamId: TEAM_A,
    teamName: 'Alpha',
    installed: false,
    channels: [{ id: ALERTS_A, name: 'alerts', member: true }],
    users: USERS,
    oauth: OAUTH,
  });
  fake.addTeam({ teamId: TEAM_B, teamName: 'Beta', channels: [{ id: ALERTS_B, name: 'alerts' }], users: USERS });
  return fake;
}

/** DeepSeek (CN) and Mistral AI (FR) in the catalog, tracked by nobody yet. */
export async function seedTwoLabs(db: Database): Promise<{ deepseek: number; mistral: number }> {
  const [deepseek, mistral] = await db
    .insert(labs)
    .values([
      { name: 'DeepSeek', country: 'CN' },
      { name: 'Mistral AI', country: 'FR' },
    ])
    .returning({ id: labs.id });
  await db.insert(labOrgs).values([
    { org: 'deepseek-ai', labId: deepseek!.id, baselineAt: new Date() },
    { org: 'mistralai', labId: mistral!.id, baselineAt: new Date() },
  ]);
  return { deepseek: deepseek!.id, mistral: mistral!.id };
}
