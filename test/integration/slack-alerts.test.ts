import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, subscriptions } from '../../db/schema.js';
import { dispatchDue } from '../../src/delivery/dispatcher.js';
import { createSlackApp } from '../../src/platforms/slack/index.js';
import { createLogger, silentLogger } from '../../src/shared/logger.js';
import { createPostgresServices } from '../../src/storage/create-services.js';
import { COMMANDS } from '../../commands/index.js';
import { startFakeSlack } from '../fakes/slack/index.js';
import { captureStream } from '../helpers/capture.js';
import { useTestDatabase, resetDatabase } from '../helpers/test-database.js';
import {
  HUB_URL,
  SIGNING_SECRET,
  TEAM_ID,
  newRelease,
  seedCatalog,
  shownText,
  startSlackHarness,
  type SlackHarness,
} from '../helpers/slack-harness.js';

const database = useTestDatabase();
let harness: SlackHarness | undefined;
let labIds: Awaited<ReturnType<typeof seedCatalog>>['labIds'];

beforeEach(async () => {
  await resetDatabase(database);
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function setUp(options: Parameters<typeof startSlackHarness>[1] = {}): Promise<SlackHarness> {
  const started = await startSlackHarness(database.db, options);
  harness = started;
  ({ labIds } = await seedCatalog(database.db, started.clock.now()));
  return started;
}

async function subscribe(slack: SlackHarness, channel: string): Promise<number> {
  const answer = await slack.command('alerts subscribe', { channel });
  expect(shownText(answer.body)).toContain('Subscribed this channel');
  const [row] = await database.db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.destination, `slack:${TEAM_ID}:${channel}`));
  return row!.id;
}

function dispatch(slack: SlackHarness) {
  return dispatchDue({
    db: database.db,
    adapters: [slack.slack],
    logger: silentLogger(),
    now: () => slack.clock.now(),
  });
}

function postCalls(slack: SlackHarness) {
  return slack.fake.calls.filter((c) => c.method === 'chat.postMessage');
}

describe('Slack alerts through the dispatcher', () => {
  it('posts a release to a subscribed channel as Block Kit with a text fallback and no unfurls', async () => {
    const slack = await setUp();
    await subscribe(slack, 'C0ALERTS');
    await newRelease(database.db, labIds.qwen, 'Qwen/Qwen3-32B', slack.clock.now());

    const result = await dispatch(slack);

    expect(result).toMatchObject({ sent: 1, retried: 0, paused: 0 });
    const [message] = slack.fake.messages('C0ALERTS');
    expect(message).toMatchObject({
      text: 'New release: Qwen/Qwen3-32B · 🇨🇳 Alibaba Qwen (CN)',
      unfurl_links: false,
      unfurl_media: false,
    });
    const blocks = message!.blocks as any[];
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context', 'actions']);
    expect(blocks[0].text.text).toBe('New release: Qwen/Qwen3-32B');
    expect(blocks[1].text.text).toContain('*<https://huggingface.co/Qwen/Qwen3-32B|Qwen/Qwen3-32B>*');
    expect(blocks[2].fields.map((f: { text: string }) => f.text)).toContain('*Size*\n32B');
    expect(blocks[4].elements[0]).toMatchObject({ type: 'button', url: 'https://huggingface.co/Qwen/Qwen3-32B' });
    const [row] = await database.db.select().from(deliveries);
    expect(row).toMatchObject({ state: 'sent', messageRef: `C0ALERTS:${message!.ts}` });
  });

  it('reschedules by Retry-After on a 429 while a command issued at the same time is answered at once', async () => {
    const slack = await setUp();
    await subscribe(slack, 'C0ALERTS');
    await newRelease(database.db, labIds.qwen, 'Qwen/Qwen3-32B', slack.clock.now());
    slack.fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: 30 });

    const started = Date.now();
    const [result, answer] = await Promise.all([dispatch(slack), slack.command('alerts list', { user: 'U0MEMBER' })]);
    const elapsed = Date.now() - started;

    expect(result).toMatchObject({ sent: 0, retried: 1 });
    expect(answer.status).toBe(200);
    expect(shownText(answer.body)).toContain('every tracked lab · instant');
    // Neither the delivery nor the reply sat out the 30 s (the bound leaves room for a loaded machine).
    expect(elapsed).toBeLessThan(10_000);
    const [waiting] = await database.db.select().from(deliveries);
    expect(waiting).toMatchObject({ state: 'pending', lastError: 'slack rate limited for 30 s' });
    expect(waiting!.dueAt.getTime()).toBe(slack.clock.now().getTime() + 30_000);

    slack.clock.advance(29_000);
    expect((await dispatch(slack)).sent).toBe(0);
    slack.clock.advance(1_001);
    expect((await dispatch(slack)).sent).toBe(1);
    expect(slack.fake.messages('C0ALERTS')).toHaveLength(1);
  });

  it('pauses the subscription of an archived channel and shows it in alerts list', async () => {
    const slack = await setUp();
    const id = await subscribe(slack, 'C0ALERTS');
    slack.fake.setChannel({ id: 'C0ALERTS', name: 'model-alerts', member: true, is_archived: true });
    await newRelease(database.db, labIds.deepseek, 'deepseek-ai/DeepSeek-V4', slack.clock.now());

    const result = await dispatch(slack);
    const listed = await slack.command('alerts list');

    expect(result.paused).toBe(1);
    const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, id));
    expect(sub!.pauseReason).toBe('the channel is archived (is_archived)');
    expect(shownText(listed.body)).toContain(
      `*#${id}* every tracked lab · instant · PAUSED since 2026-11-29 08:00 UTC: the channel is archived (is_archived)`,
    );
    expect((await database.db.select().from(deliveries))[0]!.state).toBe('pending');
  });

  it('pauses on a channel that no longer exists', async () => {
    const slack = await setUp();
    await subscribe(slack, 'C0GONE');
    await newRelease(database.db, labIds.deepseek, 'deepseek-ai/DeepSeek-V4', slack.clock.now());

    expect((await dispatch(slack)).paused).toBe(1);
    const [sub] = await database.db.select().from(subscriptions);
    expect(sub!.pauseReason).toBe('Slack cannot find this channel, or the bot cannot see it (channel_not_found)');
  });

  it('joins a public channel it is not in, then posts', async () => {
    // Without chat:write.public the bot must be a member to post.
    const slack = await setUp({ fake: { scopes: ['commands', 'chat:write', 'users:read', 'channels:join'] } });
    await subscribe(slack, 'C0PUBLIC');
    await newRelease(database.db, labIds.deepseek, 'deepseek-ai/DeepSeek-V4', slack.clock.now());

    const result = await dispatch(slack);

    expect(result.sent).toBe(1);
    expect(
      slack.fake.calls
        .filter((c) => ['chat.postMessage', 'conversations.join'].includes(c.method))
        .map((c) => `${c.method} ${c.response.error ?? 'ok'}`),
    ).toEqual(['chat.postMessage not_in_channel', 'conversations.join ok', 'chat.postMessage ok']);
    expect(slack.fake.messages('C0PUBLIC')).toHaveLength(1);
  });

  it('pauses a private channel it is not in, as it cannot join one', async () => {
    const slack = await setUp();
    await subscribe(slack, 'G0PRIVATE');
    await newRelease(database.db, labIds.deepseek, 'deepseek-ai/DeepSeek-V4', slack.clock.now());

    expect((await dispatch(slack)).paused).toBe(1);
    const [sub] = await database.db.select().from(subscriptions);
    expect(sub!.pauseReason).toBe(
      'the bot is not in this channel and cannot join it (method_not_supported_for_channel_type): ' +
        'invite it with /invite',
    );
    expect(postCalls(slack)).toHaveLength(1);
  });
});

describe('Slack app start-up', () => {
  async function startWith(options: { botToken: string; apiUrl: string; appToken?: string; fetch?: typeof fetch }) {
    const log = captureStream();
    const slack = createSlackApp({
      ...options,
      signingSecret: SIGNING_SECRET,
      adminUserIds: [],
      port: 0,
      host: '127.0.0.1',
      services: createPostgresServices(database.db),
      commands: COMMANDS,
      logger: createLogger('info', log),
      hubUrl: HUB_URL,
      now: () => new Date(),
    });
    const result = await slack.start();
    await slack.stop();
    return { result, log: log.text() };
  }

  it('reports a bad token without throwing and logs it, token unseen', async () => {
    const fake = await startFakeSlack({ botToken: 'xoxb-the-real-one' });
    try {
      const { result, log } = await startWith({ botToken: 'xoxb-wrong-token', apiUrl: fake.apiUrl });

      expect(result).toEqual({ ok: false, error: 'slack auth.test failed: invalid_auth' });
      expect(log).toContain('slack token check failed; Slack commands are off, everything else keeps running');
      expect(log).not.toContain('xoxb-wrong-token');
    } finally {
      await fake.close();
    }
  });

  it('reports an unreachable Slack without throwing', async () => {
    const fake = await startFakeSlack();
    const apiUrl = fake.apiUrl;
    await fake.close();

    const { result, log } = await startWith({ botToken: 'xoxb-fake-bot-token', apiUrl });

    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^slack auth\.test failed: /);
    expect(log).toContain('slack token check failed');
  });

  it('reports an app token Slack refuses in Socket Mode without throwing', async () => {
    const fake = await startFakeSlack();
    // The fake has no Socket Mode; Slack answers a revoked app token like this.
    const refuseAppToken: typeof fetch = async (input, init) =>
      String(input).endsWith('/apps.connections.open')
        ? new Response(JSON.stringify({ ok: false, error: 'invalid_auth' }), {
            headers: { 'content-type': 'application/json' },
          })
        : fetch(input, init);
    try {
      const { result, log } = await startWith({
        botToken: 'xoxb-fake-bot-token',
        appToken: 'xapp-revoked',
        apiUrl: fake.apiUrl,
        fetch: refuseAppToken,
      });

      expect(result).toEqual({ ok: false, error: 'slack receiver failed: invalid_auth' });
      expect(log).toContain('slack app cannot receive commands; everything else keeps running');
    } finally {
      await fake.close();
    }
  });
});

describe('digests', () => {
  it('posts a daily digest as one message listing its releases', async () => {
    harness = await startSlackHarness(database.db);
    ({ labIds } = await seedCatalog(database.db, harness.clock.now()));
    await database.db.insert(subscriptions).values({
      workspaceId: `slack:${TEAM_ID}`,
      platform: 'slack',
      destination: `slack:${TEAM_ID}:C0ALERTS`,
      mode: 'daily',
    });
    const ids = Object.values(labIds);
    await newRelease(database.db, ids[0]!, 'deepseek-ai/DeepSeek-V4', harness.clock.now());
    await newRelease(database.db, ids[0]!, 'deepseek-ai/DeepSeek-V4-Lite', harness.clock.now());
    harness.clock.advance(2 * 86_400_000);

    const result = await dispatchDue({
      db: database.db,
      adapters: [harness.slack],
      logger: silentLogger(),
      now: () => harness!.clock.now(),
    });

    expect(result.sent).toBe(2);
    const posted = harness.fake.messages();
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toBe('floodwatch digest: 2 releases');
    const shown = shownText({ blocks: posted[0]!.blocks as unknown[] });
    expect(shown).toContain('DeepSeek-V4-Lite');
    expect(posted[0]!.unfurl_links).toBe(false);
  });
});
