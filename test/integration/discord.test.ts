import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, labs, models, releases, subscriptions, workspaceLabs } from '../../db/schema.js';
import { dispatchDue } from '../../src/delivery/dispatcher.js';
import { fanOut } from '../../src/delivery/fan-out.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createPostgresServices } from '../../src/storage/create-services.js';
import { COMMANDS } from '../../commands/index.js';
import {
  ALERTS,
  createDiscordHarness,
  discordBot,
  GUILD,
  opt,
  sub,
  type DiscordHarness,
} from '../helpers/discord-harness.js';
import { useTestDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();

/** The guild's subscriptions, as /alerts list reads them. */
const subscriptionsHere = () =>
  createPostgresServices(database.db).subscriptions.list({ workspaceId: `discord:${GUILD}` });
let h: DiscordHarness;
const EPHEMERAL = 1 << 6;

beforeEach(async () => {
  h = await createDiscordHarness(database);
});
afterEach(async () => {
  await h.close();
});

async function addRelease(title: string, extra: { variants?: string[]; labName?: string } = {}) {
  const [lab] = await database.db
    .select()
    .from(labs)
    .where(eq(labs.name, extra.labName ?? 'DeepSeek'));
  return database.db.transaction(async (tx) => {
    const [release] = await tx
      .insert(releases)
      .values({ labId: lab!.id, title, firstSeenAt: new Date('2026-11-29T07:00:00Z') })
      .returning({ id: releases.id });
    const rows = [title, ...(extra.variants ?? [])].map((repo, i) => ({
      id: `${release!.id}`.padStart(20, '0') + String(i).padStart(4, '0'),
      repo,
      org: repo.split('/')[0]!,
      labId: lab!.id,
      task: 'text-generation',
      params: 685e9,
      license: 'mit',
      isVariant: i > 0,
      releaseId: release!.id,
      createdAt: new Date('2026-11-27T00:00:00Z'),
      firstSeenPublicAt: new Date('2026-11-29T07:00:00Z'),
      downloads: 1000 - i,
    }));
    await tx.insert(models).values(rows);
    await fanOut(
      tx,
      {
        id: release!.id,
        labId: lab!.id,
        country: lab!.country,
        tasks: ['text-generation'],
        maxParams: 685e9,
        variantOnly: false,
      },
      new Date('2026-11-29T07:00:00Z'),
    );
    return release!.id;
  });
}

function dispatch() {
  return dispatchDue({
    db: database.db,
    adapters: [h.bot],
    logger: silentLogger(),
    now: () => new Date('2026-11-29T08:00:00Z'),
  });
}

describe('commands registration', () => {
  it('registers every command to the guild in one bulk PUT, admin-only ones with Manage Server', async () => {
    const puts = h.fake.requests.filter((r) => r.method === 'PUT');
    const registered = h.fake.commands(GUILD) as {
      name: string;
      default_member_permissions?: string;
      contexts?: number[];
    }[];

    expect(puts).toHaveLength(1);
    expect(registered.map((c) => c.name).sort()).toEqual([
      'alerts',
      'help',
      'labs',
      'model',
      'origins',
      'rankings',
      'releases',
      'report',
    ]);
    expect(registered.every((c) => JSON.stringify(c.contexts) === '[0]')).toBe(true);
  });

  it('does not register again on a restart when the set did not change', async () => {
    await h.bot.stop();
    const before = h.fake.requests.filter((r) => r.method === 'PUT').length;
    const again = discordBot(h.fake, database);
    expect((await again.start()).ok).toBe(true);
    await again.stop();
    expect(h.fake.requests.filter((r) => r.method === 'PUT').length).toBe(before);
  });
});

describe('slash commands', () => {
  it('answers /releases with the release, its lab and flag, ephemeral and without mentions', async () => {
    await addRelease('deepseek-ai/DeepSeek-V4', { variants: ['deepseek-ai/DeepSeek-V4-FP8'] });

    const reply = await h.command('releases');

    expect(reply.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(reply.embeds);
    expect(text).toContain('DeepSeek-V4');
    expect(text).toContain('🇨🇳 DeepSeek');
    expect(text).toContain('+1 variant');
  });

  it('posts the answer for everyone with share:true', async () => {
    const reply = await h.command('help', [opt('share', true)]);
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(JSON.stringify(reply.embeds)).toContain('/rankings');
  });

  it('answers /rankings, /origins and /model', async () => {
    await addRelease('deepseek-ai/DeepSeek-V4');

    const rankings = await h.command('rankings', [opt('metric', 'downloads'), opt('limit', 5)]);
    const origins = await h.command('origins', [opt('days', 30)]);
    const model = await h.command('model', [opt('id', 'deepseek-ai/DeepSeek-V4')]);

    expect(JSON.stringify(rankings.embeds)).toContain('DeepSeek-V4');
    expect(JSON.stringify(origins.embeds)).toContain('China');
    expect(model.embeds![0].title).toBe('deepseek-ai/DeepSeek-V4');
    expect(JSON.stringify(model.embeds![0].fields)).toContain('685B');
  });

  it('refuses an admin command to a member without Manage Server and changes nothing', async () => {
    const reply = await h.command('labs', sub('add', [opt('org', 'moonshotai'), opt('country', 'CN')]), {
      admin: false,
    });

    expect(JSON.stringify(reply.embeds)).toContain('Only workspace admins');
    expect(reply.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(await database.db.select().from(labs).where(eq(labs.name, 'moonshotai'))).toEqual([]);
  });

  it('lets an admin track a new org and subscribe the channel', async () => {
    const added = await h.command(
      'labs',
      sub('add', [opt('org', 'moonshotai'), opt('country', 'CN'), opt('name', 'Moonshot AI')]),
      { admin: true },
    );
    const subscribed = await h.command(
      'alerts',
      sub('subscribe', [opt('labs', 'Moonshot AI'), opt('min_params_b', 30, 10)]),
      { admin: true, channelId: '1300000000000000003' },
    );
    const listed = await h.command('alerts', sub('list'), { channelId: '1300000000000000003' });

    expect(JSON.stringify(added.embeds)).toContain('Now tracking');
    expect(JSON.stringify(subscribed.embeds)).toContain('Subscribed this channel');
    expect(JSON.stringify(listed.embeds)).toContain('labs Moonshot AI');
    const tracked = await database.db
      .select()
      .from(workspaceLabs)
      .where(eq(workspaceLabs.workspaceId, `discord:${GUILD}`));
    expect(tracked).toHaveLength(3);
  });

  it('answers bad input with a clear ephemeral message and the usage', async () => {
    const cases = [
      await h.command('releases', [opt('days', 0)]),
      await h.command('releases', [opt('country', 'ZZ')]),
      await h.command('releases', [opt('lab', 'Nobody Labs')]),
      await h.command('rankings', [opt('metric', 'stars')]),
      await h.command('model', [opt('id', 'not a repo')]),
      await h.command('alerts', sub('subscribe', [opt('countries', 'CN,XX')]), { admin: true }),
    ];
    const texts = cases.map((c) => JSON.stringify(c.embeds));

    expect(cases.every((c) => (c.flags! & EPHEMERAL) === EPHEMERAL)).toBe(true);
    expect(texts[0]).toContain('`days` must be from 1 to 90');
    expect(texts[0]).toContain('/releases');
    expect(texts[1]).toContain('\\"ZZ\\" is not an ISO 3166-1 alpha-2 country code');
    expect(texts[2]).toContain('no lab called');
    expect(texts[3]).toContain('`metric` must be one of downloads, likes, trending');
    expect(texts[4]).toContain('is not a Hub repo id');
    expect(texts[5]).toContain('\\"XX\\" is not an ISO 3166-1 alpha-2 country code');
    expect(await subscriptionsHere()).toHaveLength(1);
  });

  it('suggests labs, orgs and models as the user types', async () => {
    await addRelease('deepseek-ai/DeepSeek-V4');
    const lab = await h.fake.interact({
      guildId: GUILD,
      channelId: ALERTS,
      name: 'releases',
      type: 4,
      options: [{ name: 'lab', type: 3, value: 'deep', focused: true }],
    });
    const model = await h.fake.interact({
      guildId: GUILD,
      channelId: ALERTS,
      name: 'model',
      type: 4,
      options: [{ name: 'id', type: 3, value: 'V4', focused: true }],
    });
    const list = await h.fake.interact({
      guildId: GUILD,
      channelId: ALERTS,
      name: 'alerts',
      type: 4,
      permissions: '32',
      options: [
        { type: 1, name: 'subscribe', options: [{ name: 'labs', type: 3, value: 'DeepSeek,mis', focused: true }] },
      ],
    });

    expect((await lab.callback()).data.choices).toEqual([{ name: 'DeepSeek', value: 'DeepSeek' }]);
    expect((await model.callback()).data.choices.map((c: { value: string }) => c.value)).toEqual([
      'deepseek-ai/DeepSeek-V4',
    ]);
    expect((await list.callback()).data.choices).toEqual([
      { name: 'DeepSeek,Mistral AI', value: 'DeepSeek,Mistral AI' },
    ]);
  });
});

describe('alerts', () => {
  it('delivers one embed per release to the subscribed channel, without mentions, with a nonce', async () => {
    await addRelease('deepseek-ai/DeepSeek-V4', { variants: ['deepseek-ai/DeepSeek-V4-FP8'] });

    const result = await dispatch();
    await dispatch();

    expect(result.sent).toBe(1);
    const posted = h.fake.messages(ALERTS);
    expect(posted).toHaveLength(1);
    const [message] = posted;
    expect(message!.allowed_mentions).toEqual({ parse: [] });
    expect(message!.nonce).toMatch(/^fw-\d+$/);
    const embed = message!.embeds[0];
    expect(embed.title).toBe('deepseek-ai/DeepSeek-V4');
    expect(embed.url).toBe('https://hub.example/deepseek-ai/DeepSeek-V4');
    expect(embed.author.name).toContain('🇨🇳 DeepSeek (CN)');
    const fields = Object.fromEntries(embed.fields.map((f: { name: string; value: string }) => [f.name, f.value]));
    expect(fields).toMatchObject({ Size: '685B', Task: 'text-generation', License: 'mit', Gated: 'no' });
    expect(fields['Variants (1)']).toContain('DeepSeek-V4-FP8');
    const [row] = await database.db.select().from(deliveries);
    expect(row).toMatchObject({ state: 'sent', messageRef: message!.id });
  });

  it('posts a daily digest as one message listing its releases', async () => {
    await database.db.update(subscriptions).set({ mode: 'daily' });
    await addRelease('deepseek-ai/DeepSeek-V4');
    await addRelease('mistralai/Mistral-Large-3', { labName: 'Mistral AI' });

    const result = await dispatchDue({
      db: database.db,
      adapters: [h.bot],
      logger: silentLogger(),
      now: () => new Date('2026-11-30T09:00:00Z'),
    });

    expect(result.sent).toBe(2);
    const posted = h.fake.messages(ALERTS);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.embeds[0].title).toBe('floodwatch digest: 2 releases');
    expect(posted[0]!.embeds[0].description).toContain('Mistral-Large-3');
    expect(posted[0]!.embeds[0].description).toContain('🇫🇷 Mistral AI');
  });

  it('keeps a release with hundreds of variants within the limits the fake enforces', async () => {
    const variants = Array.from(
      { length: 300 },
      (_, i) => `deepseek-ai/DeepSeek-V4-${'Quantized-Very-Long-Name-'.repeat(3)}${i}-GGUF`,
    );
    await addRelease(`deepseek-ai/${'DeepSeek-V4-'.repeat(30)}`, { variants });

    const result = await dispatch();

    expect(result.sent).toBe(1);
    expect(JSON.stringify(h.fake.messages(ALERTS)[0]!.embeds)).toContain('more');
  });

  it('pauses the subscription of a channel that answers missing permissions, visible in /alerts list', async () => {
    h.fake.channelFault(ALERTS, { code: 50013 });
    await addRelease('deepseek-ai/DeepSeek-V4');

    const result = await dispatch();
    const listed = await h.command('alerts', sub('list'));

    expect(result.paused).toBe(1);
    const [subscription] = await database.db.select().from(subscriptions);
    expect(subscription!.pausedAt).not.toBeNull();
    expect(JSON.stringify(listed.embeds)).toContain('PAUSED');
    expect(h.fake.messages(ALERTS)).toHaveLength(0);
  });

  it('waits out a 429 and posts once', async () => {
    h.fake.rateLimitNext(/\/channels\/\d+\/messages/, { retryAfterSeconds: 0.3 });
    await addRelease('deepseek-ai/DeepSeek-V4');

    const result = await dispatch();

    expect(result.sent).toBe(1);
    expect(h.fake.messages(ALERTS)).toHaveLength(1);
    expect(h.fake.requests.filter((r) => r.path.endsWith('/messages')).map((r) => r.status)).toEqual([429, 200]);
  });
});

describe('replicas', () => {
  it('answers a command once when two bots share the token', async () => {
    const second = discordBot(h.fake, database);
    expect((await second.start()).ok).toBe(true);
    try {
      const reply = await h.command('alerts', sub('subscribe', [opt('countries', 'FR')]), { admin: true });
      await new Promise((r) => setTimeout(r, 300));

      expect(JSON.stringify(reply.embeds)).toContain('Subscribed this channel');
      expect(await subscriptionsHere()).toHaveLength(2);
      const callbacks = h.fake.requests.filter((r) => r.path.includes('/callback'));
      expect(callbacks.map((r) => r.status)).toEqual([204]);
    } finally {
      await second.stop();
    }
  });
});

describe('slow answers', () => {
  it('defers a command that takes longer than two seconds and edits the answer in', async () => {
    const { defineCommand } = await import('../../commands/types.js');
    const slow = defineCommand({
      name: 'slow',
      description: 'Takes its time',
      options: [] as const,
      async run() {
        await new Promise((r) => setTimeout(r, 2_600));
        return { ephemeral: true, blocks: [{ type: 'text', text: ['done at last'] }] };
      },
    });
    await h.bot.stop();
    const bot = discordBot(h.fake, database, { commands: [...COMMANDS, slow] });
    expect((await bot.start()).ok).toBe(true);
    try {
      const exchange = await h.fake.interact({ guildId: GUILD, channelId: ALERTS, name: 'slow', permissions: '0' });

      const callback = await exchange.callback(5_000);
      const reply = await exchange.reply(8_000);

      expect(callback.type).toBe(5);
      expect(callback.data?.flags).toBe(EPHEMERAL);
      expect(JSON.stringify(reply.embeds)).toContain('done at last');
    } finally {
      await bot.stop();
    }
  });
});
