import { once } from 'node:events';
import {
  ApplicationCommandOptionType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  type ChatInputApplicationCommandData,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from './index.js';

const GUILD = '1300000000000000001';
const ALERTS = '1300000000000000002';
const OTHER = '1300000000000000003';
const GUILDS = [
  {
    id: GUILD,
    name: 'Model Watchers',
    channels: [
      { id: ALERTS, name: 'alerts' },
      { id: OTHER, name: 'general' },
    ],
  },
];

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  fake = await startFakeDiscord({ guilds: GUILDS, ...options });
  return fake;
}

function newClient(f: FakeDiscord): Client {
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: f.apiUrl } });
  return client;
}

/** Logs in and resolves once discord.js says it is ready (guilds received). */
async function ready(f: FakeDiscord): Promise<Client<true>> {
  const c = newClient(f);
  const isReady = once(c, Events.ClientReady, { signal: AbortSignal.timeout(5000) });
  await c.login(f.token);
  await isReady;
  return c as Client<true>;
}

async function alertsChannel(c: Client): Promise<TextChannel> {
  return c.channels.cache.get(ALERTS) as TextChannel;
}

/** Runs `handler` for the next interaction and surfaces its errors to the test. */
function onNextInteraction(c: Client, handler: (i: Interaction) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    c.once(Events.InteractionCreate, (i) => handler(i).then(resolve, reject));
  });
}

describe('fake Discord with the real discord.js client', () => {
  it('logs in over the gateway and caches the guild and its channels', async () => {
    const f = await start();
    const started = Date.now();
    const c = await ready(f);

    expect(Date.now() - started).toBeLessThan(3000);
    expect(c.user.id).toBe(f.botUserId);
    expect(c.application.id).toBe(f.applicationId);
    expect(c.guilds.cache.get(GUILD)?.name).toBe('Model Watchers');
    expect(c.channels.cache.get(ALERTS)?.isTextBased()).toBe(true);
    expect(c.guilds.cache.get(GUILD)?.members.me?.permissionsIn(ALERTS).has('SendMessages')).toBe(true);
    const gatewayBot = f.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayBot?.headers.authorization).toBe(`Bot ${f.token}`);
    expect(f.gatewayOps()).toContain(2);
  });

  it('rejects a wrong token at /gateway/bot and closes the gateway with 4004 on a wrong IDENTIFY', async () => {
    const f = await start();
    await expect(newClient(f).login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(f.requests.find((r) => r.path === '/gateway/bot')?.status).toBe(401);

    const socket = new WebSocket(`${f.gatewayUrl}/?v=10&encoding=json`);
    const [hello] = await once(socket, 'message');
    expect(JSON.parse(String(hello))).toMatchObject({ op: 10, d: { heartbeat_interval: expect.any(Number) } });
    socket.send(JSON.stringify({ op: 2, d: { token: 'nope', intents: 1, properties: {} } }));
    const [code] = await once(socket, 'close');
    expect(code).toBe(4004);
  });

  it('registers guild and global commands in bulk and rejects ones Discord would refuse', async () => {
    const f = await start();
    const c = await ready(f);
    const watch: ChatInputApplicationCommandData = {
      name: 'watch',
      description: 'Watch a vendor',
      defaultMemberPermissions: '32',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'vendor', description: 'Vendor', autocomplete: true },
      ],
    };

    const set = await c.application.commands.set([watch], GUILD);
    expect([...set.values()].map((cmd) => cmd.name)).toEqual(['watch']);
    expect(f.commands(GUILD)).toMatchObject([{ name: 'watch', guild_id: GUILD, default_member_permissions: '32' }]);
    const firstId = f.commands(GUILD)[0]?.id;
    await c.application.commands.set([watch], GUILD);
    expect(f.commands(GUILD)[0]?.id).toBe(firstId);
    await c.application.commands.set([{ name: 'new', description: 'Latest releases' }]);
    expect(f.commands().map((cmd) => cmd.name)).toEqual(['new']);

    const bad = c.application.commands.set([{ name: 'Watch', description: 'x'.repeat(101) }], GUILD);
    await expect(bad).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(bad).rejects.toMatchObject({
      code: 50035,
      rawError: { errors: { 0: { name: expect.any(Object), description: expect.any(Object) } } },
    });
    const tooMany = Array.from({ length: 26 }, (_, n) => ({
      type: ApplicationCommandOptionType.String as const,
      name: `o${n}`,
      description: 'o',
    }));
    const big = c.application.commands.set([{ name: 'big', description: 'big', options: tooMany }], GUILD);
    await expect(big).rejects.toMatchObject({ code: 50035 });
    expect(f.commands(GUILD).map((cmd) => cmd.name)).toEqual(['watch']);
  });

  it('delivers a slash command and sees the reply; a second callback gets 40060', async () => {
    const f = await start();
    const c = await ready(f);
    let secondCallback: unknown;
    const handled = onNextInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) throw new Error(`unexpected interaction ${i.type}`);
      expect(i.channelId).toBe(ALERTS);
      expect(i.guildId).toBe(GUILD);
      expect(i.commandName).toBe('model');
      expect(i.options.getString('id')).toBe('org/model');
      expect(i.memberPermissions?.has('ManageGuild')).toBe(true);
      const response = await i.reply({
        content: `Found ${i.options.getString('id')}`,
        allowedMentions: { parse: [] },
        withResponse: true,
      });
      expect(response.resource?.message?.content).toBe('Found org/model');
      expect(response.resource?.message?.channelId).toBe(ALERTS);
      secondCallback = await c.rest
        .post(Routes.interactionCallback(i.id, i.token), { body: { type: 4, data: { content: 'again' } }, auth: false })
        .catch((error: unknown) => error);
    });

    const exchange = await f.interact({
      guildId: GUILD,
      channelId: ALERTS,
      name: 'model',
      permissions: '32',
      options: [{ type: 3, name: 'id', value: 'org/model' }],
    });
    await handled;

    expect(await exchange.callback()).toMatchObject({ type: 4 });
    expect(await exchange.reply()).toMatchObject({ content: 'Found org/model', allowed_mentions: { parse: [] } });
    expect(secondCallback).toMatchObject({ code: 40060, status: 400 });
  });

  it('sees the edited reply after a defer, and the follow-ups', async () => {
    const f = await start();
    const c = await ready(f);
    const handled = onNextInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const edited = await i.editReply({ content: 'Done', embeds: [{ title: 'org/model' }] });
      expect(edited.content).toBe('Done');
      await i.followUp({ content: 'One more thing', allowedMentions: { parse: [] } });
    });

    const exchange = await f.interact({ guildId: GUILD, channelId: ALERTS, name: 'new' });
    expect(await exchange.callback()).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(await exchange.reply()).toMatchObject({ content: 'Done', embeds: [{ title: 'org/model' }] });
    await handled;
    expect(exchange.followUps()).toMatchObject([{ content: 'One more thing', allowed_mentions: { parse: [] } }]);
    const edit = f.requests.find((r) => r.method === 'PATCH');
    expect(edit?.url).toContain('/messages/%40original');
    expect(edit?.path).toMatch(/\/messages\/@original$/);
  });

  it('takes files with an interaction reply and with the edit after a defer, and shows them in the embed', async () => {
    const f = await start();
    const c = await ready(f);
    const png = Buffer.from('\x89PNG fake bytes');
    const embeds = [{ title: 'Chart', image: { url: 'attachment://chart.png' } }];
    const files = [{ attachment: png, name: 'chart.png', description: 'A bar chart' }];
    const answered = onNextInteraction(c, async (i) => {
      if (i.isChatInputCommand()) await i.reply({ embeds, files });
    });
    const direct = await f.interact({ guildId: GUILD, channelId: ALERTS, name: 'origins' });
    await answered;
    let edited: { attachments: string[]; image: string | undefined } | undefined;
    const deferred = onNextInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      const message = await i.editReply({ embeds, files });
      edited = { attachments: message.attachments.map((a) => a.name), image: message.embeds[0]?.image?.url };
    });
    const late = await f.interact({ guildId: GUILD, channelId: ALERTS, name: 'origins' });
    await deferred;

    for (const exchange of [direct, late]) {
      const reply = await exchange.reply();
      expect(reply.files).toMatchObject([{ field: 'files[0]', name: 'chart.png', size: png.length }]);
      expect(reply.files?.[0]?.data.equals(png)).toBe(true);
    }
    expect(edited).toEqual({ attachments: ['chart.png'], image: expect.stringMatching(/^https:.*\/chart\.png$/) });
    const upload = f.requests.find((r) => r.method === 'PATCH');
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(upload?.body.attachments).toMatchObject([{ id: '0', description: 'A bar chart' }]);
  });

  it('answers autocomplete with respond() and refuses more than 25 choices', async () => {
    const f = await start();
    const c = await ready(f);
    const choices = (n: number) => Array.from({ length: n }, (_, k) => ({ name: `vendor-${k}`, value: `v${k}` }));
    let tooMany: unknown;
    const handled = onNextInteraction(c, async (i) => {
      if (!i.isAutocomplete()) throw new Error('expected autocomplete');
      expect(i.options.getFocused()).toBe('me');
      tooMany = await c.rest
        .post(Routes.interactionCallback(i.id, i.token), {
          body: { type: 8, data: { choices: choices(26) } },
          auth: false,
        })
        .catch((error: unknown) => error);
      await i.respond(choices(3));
    });

    const exchange = await f.interact({
      type: 4,
      guildId: GUILD,
      channelId: ALERTS,
      name: 'watch',
      options: [{ type: 3, name: 'vendor', value: 'me', focused: true }],
    });
    await handled;
    expect(tooMany).toMatchObject({ code: 50035 });
    expect(await exchange.callback()).toEqual({ type: 8, data: { choices: choices(3) } });
  });

  it('answers 10062 to a callback later than the interaction window', async () => {
    const f = await start({ interactionTimeoutMs: 150 });
    const c = await ready(f);
    const handled = onNextInteraction(c, async (i) => {
      if (!i.isChatInputCommand()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
      await expect(i.reply('too late')).rejects.toMatchObject({ code: 10062, status: 404 });
    });
    await f.interact({ guildId: GUILD, channelId: ALERTS, name: 'new' });
    await handled;
  });

  it('records channel messages with their allowed_mentions, and posts files as multipart', async () => {
    const f = await start();
    const c = await ready(f);
    const channel = await alertsChannel(c);

    const sent = await channel.send({ content: 'New model @everyone', allowedMentions: { parse: [] } });
    await channel.send({ content: 'No mention settings' });
    await channel.send({ content: 'With a file', files: [{ attachment: Buffer.from('hello'), name: 'card.txt' }] });

    expect(sent.id).toBe(f.messages(ALERTS)[0]?.id);
    expect(sent.author.id).toBe(f.botUserId);
    expect(f.messages(ALERTS).map((m) => [m.content, m.allowedMentionsSent, m.allowed_mentions])).toEqual([
      ['New model @everyone', true, { parse: [] }],
      ['No mention settings', false, undefined],
      ['With a file', false, undefined],
    ]);
    expect(f.messages(OTHER)).toEqual([]);
    const upload = f.requests.find((r) => r.files.length > 0);
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(upload?.body).toMatchObject({ content: 'With a file' });
    expect(upload?.files).toMatchObject([{ name: 'card.txt', size: 5 }]);
  });

  it('posts once for a repeated nonce with enforce_nonce', async () => {
    const f = await start();
    const c = await ready(f);
    const channel = await alertsChannel(c);
    const first = await channel.send({ content: 'org/model released', nonce: 'release-42', enforceNonce: true });
    const again = await channel.send({ content: 'org/model released', nonce: 'release-42', enforceNonce: true });
    expect(again.id).toBe(first.id);
    expect(f.messages(ALERTS)).toHaveLength(1);
    expect(f.requests.filter((r) => r.path === `/channels/${ALERTS}/messages`)).toHaveLength(2);
  });

  it('rejects embeds over Discord limits with 50035', async () => {
    const f = await start();
    const c = await ready(f);
    const channel = await alertsChannel(c);

    const long = channel.send({ embeds: [{ description: 'x'.repeat(5000) }] });
    await expect(long).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(long).rejects.toMatchObject({
      code: 50035,
      status: 400,
      rawError: { errors: { embeds: { 0: { description: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } },
    });
    // Each embed within its own limits, but 8000 characters across the message.
    const total = channel.send({ embeds: [{ description: 'y'.repeat(4000) }, { description: 'z'.repeat(4000) }] });
    await expect(total).rejects.toMatchObject({
      code: 50035,
      rawError: { errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } },
    });
    await expect(channel.send('x'.repeat(2001))).rejects.toMatchObject({ code: 50035 });
    await expect(channel.send({ content: '' })).rejects.toMatchObject({ code: 50006 });
    expect(f.messages()).toEqual([]);
  });

  it('fails sends to a faulty channel with the Discord error, until the fault is cleared', async () => {
    const f = await start();
    const c = await ready(f);
    const channel = await alertsChannel(c);

    f.channelFault(ALERTS, { code: 50013 });
    const denied = channel.send('alert');
    await expect(denied).rejects.toMatchObject({ code: 50013, status: 403, message: 'Missing Permissions' });
    f.channelFault(ALERTS, { code: 10003 });
    await expect(channel.send('alert')).rejects.toMatchObject({ code: 10003, status: 404 });
    f.channelFault(ALERTS, null);
    await channel.send('alert');
    expect(f.messages(ALERTS)).toHaveLength(1);
  });

  it('advertises bucket headers, and a 429 is waited out and the message posts once', async () => {
    const f = await start();
    const c = await ready(f);
    const channel = await alertsChannel(c);

    const raw = await fetch(`${f.apiUrl}/v10/channels/${ALERTS}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${f.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'raw' }),
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
    expect(raw.headers.get('x-ratelimit-bucket')).toBeTruthy();

    f.rateLimitNext(/^\/channels\/\d+\/messages$/, { retryAfterSeconds: 0.2 });
    const started = Date.now();
    await channel.send({ content: 'after the limit', allowedMentions: { parse: [] } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    const attempts = f.requests.filter((r) => r.body?.content === 'after the limit');
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(f.messages(ALERTS).map((m) => m.content)).toEqual(['raw', 'after the limit']);
  });

  it('keeps to a small per-channel bucket from the headers alone, without a 429', async () => {
    const f = await start({ messageBucket: { limit: 2, windowSeconds: 0.3 } });
    const c = await ready(f);
    const channel = await alertsChannel(c);
    const started = Date.now();
    await Promise.all(['a', 'b', 'c'].map((content) => channel.send(content)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(f.requests.filter((r) => r.path.endsWith('/messages')).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(f.messages(ALERTS).map((m) => m.content)).toEqual(['a', 'b', 'c']);
  });

  it('answers a global 429 to the bot request over the global limit, and none to an interaction callback', async () => {
    const f = await start({ globalLimit: { limit: 3, windowMs: 60_000 } });
    const post = (content: string) =>
      fetch(`${f.apiUrl}/v10/channels/${ALERTS}/messages`, {
        method: 'POST',
        headers: { authorization: `Bot ${f.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content }),
      });

    const statuses = [];
    for (const content of ['a', 'b', 'c', 'd']) statuses.push((await post(content)).status);
    const over = await post('e');
    const callback = await fetch(`${f.apiUrl}/v10/interactions/1/unknown/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'x' } }),
    });

    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(over.headers.get('x-ratelimit-global')).toBe('true');
    expect(await over.json()).toMatchObject({ global: true });
    expect(callback.status).not.toBe(429);
    expect(f.messages(ALERTS).map((m) => m.content)).toEqual(['a', 'b', 'c']);
  });

  it('answers 500 to every matching request during an outage, and posts again after it', async () => {
    const f = await start();
    const c = await ready(f);
    const channel = await alertsChannel(c);
    c.rest.options.retries = 0;

    f.outage(/^\/channels\/\d+\/messages$/);
    await expect(channel.send('during')).rejects.toMatchObject({ status: 500 });
    f.outage(null);
    await channel.send('after');

    expect(f.messages(ALERTS).map((m) => m.content)).toEqual(['after']);
  });

  it('acknowledges heartbeats', async () => {
    const f = await start({ heartbeatIntervalMs: 100 });
    const c = await ready(f);
    // discord.js sets the ping when an op 11 answers its op 1.
    await vi.waitFor(() => expect(c.ws.ping).toBeGreaterThanOrEqual(0), { timeout: 2000 });
    expect(f.gatewayOps()).toContain(1);
  });

  it('resumes the session after the gateway drops', async () => {
    const f = await start();
    const c = await ready(f);
    const resumed = once(c, Events.ShardResume, { signal: AbortSignal.timeout(5000) });
    f.disconnectGateway();
    await resumed;
    expect(f.gatewayOps().filter((op) => op === 2 || op === 6)).toEqual([2, 6]);

    // Interactions still arrive on the resumed socket.
    const handled = onNextInteraction(c, async (i) => {
      if (i.isChatInputCommand()) await i.reply('still here');
    });
    const exchange = await f.interact({ guildId: GUILD, channelId: ALERTS, name: 'new' });
    await handled;
    expect(await exchange.reply()).toMatchObject({ content: 'still here' });
  });
});
