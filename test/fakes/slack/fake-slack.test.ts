import type { AddressInfo } from 'node:net';
import { App, type Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import {
  ErrorCode,
  LogLevel,
  type Logger,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebClient,
} from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, postSlashCommand, startFakeSlack } from './index.js';

const BOT_TOKEN = 'xoxb-test-token';
const SIGNING_SECRET = 'test-signing-secret';
const TEAM_ID = 'T0TEST';

const CHANNELS = [
  { id: 'C0PUBLIC', name: 'releases', member: true },
  { id: 'C0NOTJOINED', name: 'random' },
  { id: 'C0ARCHIVED', name: 'old-alerts', is_archived: true, member: true },
  { id: 'G0PRIVATE', name: 'secret', is_private: true },
];

const USERS = [
  { id: 'U0ADMIN', name: 'alice', is_admin: true },
  { id: 'U0OWNER', name: 'olga', is_owner: true, is_primary_owner: true },
  { id: 'U0MEMBER', name: 'bob' },
];

/** Keeps expected-error noise (invalid_blocks is logged at error level) out of the test output. */
function silentLogger(): Logger & BoltLogger {
  let level = LogLevel.ERROR;
  return {
    debug() {},
    info() {},
    warn() {},
    error() {},
    setLevel(next) {
      level = next;
    },
    getLevel: () => level,
    setName() {},
  };
}

async function platformError(promise: Promise<unknown>): Promise<WebAPIPlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return error as WebAPIPlatformError;
}

describe('fake Slack Web API driven by a real WebClient', () => {
  let fake: FakeSlack;
  let client: WebClient;

  beforeEach(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN, teamId: TEAM_ID, channels: CHANNELS, users: USERS });
    client = new WebClient(BOT_TOKEN, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: silentLogger(),
    });
  });

  afterEach(async () => {
    await fake.close();
  });

  it('answers auth.test with the bot identity and records the bearer token', async () => {
    const result = await client.auth.test();

    expect(result).toMatchObject({
      ok: true,
      team_id: TEAM_ID,
      user_id: 'U0FAKEBOT',
      bot_id: 'B0FAKEBOT',
      is_enterprise_install: false,
    });
    expect(fake.calls[0]).toMatchObject({ method: 'auth.test', token: BOT_TOKEN, status: 200 });
  });

  it('rejects a wrong token with invalid_auth', async () => {
    const stranger = new WebClient('xoxb-wrong', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logger: silentLogger(),
    });

    const error = await platformError(stranger.auth.test());

    expect(error.data.error).toBe('invalid_auth');
  });

  it('records chat.postMessage with blocks decoded and unfurl flags, and returns increasing ts', async () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'New model: org/model-7b' } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*7B* params' },
        fields: [{ type: 'mrkdwn', text: 'license: apache-2.0' }],
      },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Open' }, url: 'https://huggingface.co/org/model-7b' },
        ],
      },
    ];

    const first = await client.chat.postMessage({
      channel: 'C0PUBLIC',
      text: 'New model',
      blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    const second = await client.chat.postMessage({ channel: '#releases', text: 'Another' });

    expect(first).toMatchObject({ ok: true, channel: 'C0PUBLIC', ts: '1700000000.000100' });
    expect(first.message?.blocks).toEqual(blocks);
    expect(second.ts).toBe('1700000000.000200');
    const [posted] = fake.messages('C0PUBLIC');
    expect(posted).toMatchObject({ text: 'New model', blocks, unfurl_links: false, unfurl_media: false });
    expect(fake.messages('C0PUBLIC')).toHaveLength(2);
    expect(fake.calls.find((c) => c.method === 'chat.postMessage')?.args.blocks).toEqual(blocks);
  });

  it('throws WebAPIPlatformError for channel_not_found, is_archived and not_in_channel', async () => {
    const missing = await platformError(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }));
    const archived = await platformError(client.chat.postMessage({ channel: 'C0ARCHIVED', text: 'x' }));
    const privateChannel = await platformError(client.chat.postMessage({ channel: 'G0PRIVATE', text: 'x' }));

    expect(missing.code).toBe(ErrorCode.PlatformError);
    expect(missing.data.error).toBe('channel_not_found');
    expect(archived.data.error).toBe('is_archived');
    expect(privateChannel.data.error).toBe('not_in_channel');
    expect(fake.messages()).toHaveLength(0);
  });

  it('needs chat:write.public to post in a public channel the bot has not joined', async () => {
    await expect(client.chat.postMessage({ channel: 'C0NOTJOINED', text: 'hi' })).resolves.toMatchObject({ ok: true });

    const narrow = await startFakeSlack({ botToken: BOT_TOKEN, channels: CHANNELS, scopes: ['chat:write'] });
    const narrowClient = new WebClient(BOT_TOKEN, {
      slackApiUrl: narrow.apiUrl,
      retryConfig: { retries: 0 },
      logger: silentLogger(),
    });
    try {
      const error = await platformError(narrowClient.chat.postMessage({ channel: 'C0NOTJOINED', text: 'hi' }));
      expect(error.data.error).toBe('not_in_channel');

      await narrowClient.conversations.join({ channel: 'C0NOTJOINED' });
      await expect(narrowClient.chat.postMessage({ channel: 'C0NOTJOINED', text: 'hi' })).resolves.toMatchObject({
        ok: true,
      });
      const privateJoin = await platformError(narrowClient.conversations.join({ channel: 'G0PRIVATE' }));
      expect(privateJoin.data.error).toBe('method_not_supported_for_channel_type');
    } finally {
      await narrow.close();
    }
  });

  it('answers HTTP 429 with Retry-After, which the client turns into WebAPIRateLimitedError', async () => {
    fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: 7 });

    const error = await client.chat.postMessage({ channel: 'C0PUBLIC', text: 'x' }).catch((e: unknown) => e);
    await client.chat.postMessage({ channel: 'C0PUBLIC', text: 'after the pause' });

    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
    expect(fake.calls.map((c) => c.status)).toEqual([429, 200]);
    expect(fake.messages().map((m) => m.text)).toEqual(['after the pause']);
  });

  it('fails queued calls with failNext', async () => {
    fake.failNext('chat.postMessage', 'ratelimited', 1);

    const error = await platformError(client.chat.postMessage({ channel: 'C0PUBLIC', text: 'x' }));

    expect(error.data.error).toBe('ratelimited');
    await expect(client.chat.postMessage({ channel: 'C0PUBLIC', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('rejects an oversized header with invalid_blocks and a json-pointer detail', async () => {
    const blocks = [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }];

    const error = await platformError(client.chat.postMessage({ channel: 'C0PUBLIC', text: 'x', blocks }));

    expect(error.data.error).toBe('invalid_blocks');
    expect(error.data.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]',
    ]);
  });

  it('enforces no_text and msg_too_long', async () => {
    const noText = await platformError(client.chat.postMessage({ channel: 'C0PUBLIC', text: '' }));
    const tooLong = await platformError(client.chat.postMessage({ channel: 'C0PUBLIC', text: 'x'.repeat(40_001) }));

    expect(noText.data.error).toBe('no_text');
    expect(tooLong.data.error).toBe('msg_too_long');
  });

  it('completes a filesUploadV2 end to end and records the bytes', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

    const result = await client.filesUploadV2({
      channel_id: 'C0PUBLIC',
      file: png,
      filename: 'chart.png',
      initial_comment: 'Weekly chart',
    });

    expect(result.ok).toBe(true);
    expect(fake.uploads).toHaveLength(1);
    expect(fake.uploads[0]).toMatchObject({
      filename: 'chart.png',
      channel_id: 'C0PUBLIC',
      initial_comment: 'Weekly chart',
      length: png.length,
    });
    expect(fake.uploads[0]?.bytes.equals(png)).toBe(true);
    expect(fake.calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
  });

  it('reports admin, owner and plain members through users.info', async () => {
    const admin = await client.users.info({ user: 'U0ADMIN' });
    const owner = await client.users.info({ user: 'U0OWNER' });
    const member = await client.users.info({ user: 'U0MEMBER' });
    fake.setUser({ id: 'U0MEMBER', name: 'bob', is_admin: true });
    const promoted = await client.users.info({ user: 'U0MEMBER' });
    const missing = await platformError(client.users.info({ user: 'U0GHOST' }));

    expect(admin.user).toMatchObject({
      is_admin: true,
      is_owner: false,
      is_primary_owner: false,
      is_bot: false,
      team_id: TEAM_ID,
    });
    expect(owner.user).toMatchObject({ is_admin: false, is_owner: true, is_primary_owner: true });
    expect(member.user).toMatchObject({ is_admin: false, is_owner: false, is_primary_owner: false });
    expect(promoted.user?.is_admin).toBe(true);
    expect(missing.data.error).toBe('user_not_found');
  });

  it('answers unknown_method for methods it does not implement', async () => {
    const error = await platformError(client.apiCall('files.upload', { channels: 'C0PUBLIC' }));

    expect(error.data.error).toBe('unknown_method');
  });
});

describe('fake Slack with a real Bolt app receiving signed slash commands', () => {
  let fake: FakeSlack;
  let app: App;
  let eventsUrl: string;
  let handled: { text: string; userId: string }[];

  beforeEach(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN, teamId: TEAM_ID, channels: CHANNELS, users: USERS });
    handled = [];
    app = new App({
      signingSecret: SIGNING_SECRET,
      token: BOT_TOKEN,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
      deferInitialization: true,
      logger: silentLogger(),
      logLevel: BoltLogLevel.ERROR,
    });
    app.command('/floodwatch', async ({ command, ack, respond, client }) => {
      await ack({ response_type: 'ephemeral', text: 'Working on it' });
      handled.push({ text: command.text, userId: command.user_id });
      await client.chat.postMessage({ channel: command.channel_id, text: `subscribed: ${command.text}` });
      await respond({ response_type: 'ephemeral', text: `Done: ${command.text}` });
    });
    await app.init();
    // HTTPReceiver.start passes a number straight to server.listen, so 0 gives an ephemeral port.
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  function command(text: string) {
    return {
      command: '/floodwatch',
      text,
      user_id: 'U0ADMIN',
      team_id: TEAM_ID,
      channel_id: 'C0PUBLIC',
      response_url: fake.responseUrl('cmd-1'),
    };
  }

  it('runs the handler for a correctly signed command and delivers respond() to the response URL', async () => {
    const reply = await postSlashCommand(eventsUrl, {
      signingSecret: SIGNING_SECRET,
      fields: command('subscribe qwen'),
    });
    const responses = await fake.waitForResponses('cmd-1');

    expect(reply).toEqual({ status: 200, body: { response_type: 'ephemeral', text: 'Working on it' } });
    expect(handled).toEqual([{ text: 'subscribe qwen', userId: 'U0ADMIN' }]);
    expect(responses).toEqual([{ response_type: 'ephemeral', text: 'Done: subscribe qwen' }]);
    expect(fake.messages('C0PUBLIC').map((m) => m.text)).toEqual(['subscribed: subscribe qwen']);
    // init() verified the token once; the command reused the cached identity.
    expect(fake.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });

  it('answers 401 to a bad signature without running the handler', async () => {
    const reply = await postSlashCommand(eventsUrl, {
      signingSecret: SIGNING_SECRET,
      fields: command('x'),
      badSignature: true,
    });

    expect(reply.status).toBe(401);
    expect(handled).toEqual([]);
  });

  it('answers 401 to a correctly signed but six-minute-old request', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;

    const reply = await postSlashCommand(eventsUrl, {
      signingSecret: SIGNING_SECRET,
      fields: command('x'),
      timestamp: sixMinutesAgo,
    });

    expect(reply.status).toBe(401);
    expect(handled).toEqual([]);
    expect(fake.responses('cmd-1')).toEqual([]);
  });
});
