import { sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/types.js';
import { subscriptions } from '../../db/schema.js';
import {
  CHANNEL,
  commandContext,
  daysAgo,
  GUILD,
  listItems,
  OTHER_CHANNEL,
  replyText,
  runAs,
  seedWorld,
  snapshotDatabase,
  TEAM,
  TEAM_CHANNEL,
  type World,
} from '../helpers/command-world.js';
import { useTestDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
let ctx: CommandContext;
let world: World;

// These commands write subscriptions only, so the world is seeded once and only they are emptied
// between tests (numbering restarts at #1).
beforeAll(async () => {
  world = await seedWorld(database.db);
  ctx = commandContext(database.db);
});
beforeEach(async () => {
  await database.db.execute(sql`truncate subscriptions restart identity cascade`);
});

type Where = { workspace: { id: string; platform: string }; channel: { destination: string } };

/** A subscription stored directly, as an earlier subscribe (or the dispatcher pausing it) left it. */
async function existing(where: Where, extra: Partial<typeof subscriptions.$inferInsert> = {}): Promise<number> {
  const [row] = await database.db
    .insert(subscriptions)
    .values({
      workspaceId: where.workspace.id,
      platform: where.workspace.platform,
      destination: where.channel.destination,
      ...extra,
    })
    .returning({ id: subscriptions.id });
  return row!.id;
}

async function storedSubscriptions() {
  return database.db.select().from(subscriptions).orderBy(subscriptions.id);
}

const HERE: Where = { workspace: GUILD, channel: CHANNEL };
const NEXT_DOOR: Where = { workspace: GUILD, channel: OTHER_CHANNEL };
const ELSEWHERE: Where = { workspace: TEAM, channel: TEAM_CHANNEL };

describe('/alerts subscribe', () => {
  it('stores every filter and repeats them in a public confirmation', async () => {
    const reply = await runAs(
      ctx,
      'alerts subscribe',
      {
        labs: 'deepseek-ai, Mistral AI',
        countries: 'cn fr',
        tasks: 'Text-Generation,image-text-to-text',
        min_params_b: '7.5',
        variants: 'yes',
        mode: 'Daily',
      },
      { admin: true },
    );

    expect(reply.ephemeral).toBe(false);
    expect(replyText(reply)).toContain(
      'Subscribed this channel (#1): labs DeepSeek, Mistral AI · countries CN, FR · ' +
        'tasks text-generation, image-text-to-text · at least 7.5B parameters · variants too · daily.',
    );
    expect(await storedSubscriptions()).toEqual([
      expect.objectContaining({
        workspaceId: GUILD.id,
        platform: 'discord',
        destination: CHANNEL.destination,
        labIds: [world.labIds.deepseek, world.labIds.mistral],
        countries: ['CN', 'FR'],
        tasks: ['text-generation', 'image-text-to-text'],
        minParamsB: 7.5,
        variants: true,
        mode: 'daily',
        createdBy: 'U-admin',
        pausedAt: null,
      }),
    ]);
  });

  it('takes every tracked lab, instantly and without variants, when no filter is given', async () => {
    const reply = await runAs(ctx, 'alerts subscribe', {}, { admin: true });

    expect(replyText(reply)).toContain('Subscribed this channel (#1): every tracked lab · instant.');
    expect(await storedSubscriptions()).toEqual([
      expect.objectContaining({
        labIds: null,
        countries: null,
        tasks: null,
        minParamsB: null,
        variants: false,
        mode: 'instant',
      }),
    ]);
  });

  it('refuses an unknown lab in labs and stores nothing', async () => {
    await existing(HERE, { pausedAt: daysAgo(1), pauseReason: 'Missing Access' });
    const before = await snapshotDatabase(database.db);

    const reply = await runAs(ctx, 'alerts subscribe', { labs: 'DeepSeek,OpenAI' }, { admin: true });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain('no lab called "OpenAI"');
    expect(await snapshotDatabase(database.db)).toEqual(before);
  });

  it('refuses a lab this workspace does not track, since no alert would come, and stores nothing', async () => {
    const before = await snapshotDatabase(database.db);

    const reply = await runAs(ctx, 'alerts subscribe', { labs: 'DeepSeek,Meta' }, { admin: true });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain('Meta is not tracked here');
    expect(await snapshotDatabase(database.db)).toEqual(before);
  });

  it("resumes this channel's paused subscriptions, and only this channel's", async () => {
    const pausedHere = await existing(HERE, { pausedAt: daysAgo(1), pauseReason: 'Missing Access' });
    const pausedNextDoor = await existing(NEXT_DOOR, { pausedAt: daysAgo(1), pauseReason: 'Unknown Channel' });

    const reply = await runAs(ctx, 'alerts subscribe', { labs: 'Qwen' }, { admin: true });

    expect(replyText(reply)).toContain('Resumed 1 paused subscription of this channel.');
    const rows = await storedSubscriptions();
    expect(rows.find((r) => r.id === pausedHere)).toMatchObject({ pausedAt: null, pauseReason: null });
    expect(rows.find((r) => r.id === pausedNextDoor)).toMatchObject({
      pausedAt: daysAgo(1),
      pauseReason: 'Unknown Channel',
    });
  });

  it('refuses an eleventh subscription in one channel and changes nothing', async () => {
    for (let i = 0; i < 10; i++) await existing(HERE, i === 0 ? { pausedAt: daysAgo(1) } : {});
    const before = await snapshotDatabase(database.db);

    const reply = await runAs(ctx, 'alerts subscribe', {}, { admin: true });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain('this channel already has 10 subscriptions');
    expect(await snapshotDatabase(database.db)).toEqual(before);
  });
});

describe('/alerts unsubscribe', () => {
  let first: number;
  let second: number;
  let nextDoor: number;
  let elsewhere: number;

  beforeEach(async () => {
    first = await existing(HERE);
    second = await existing(HERE, { mode: 'weekly' });
    nextDoor = await existing(NEXT_DOOR);
    elsewhere = await existing(ELSEWHERE);
  });

  it('removes one subscription of this channel by its number', async () => {
    const reply = await runAs(ctx, 'alerts unsubscribe', { id: String(second) }, { admin: true });

    expect(reply.ephemeral).toBe(false);
    expect(replyText(reply)).toContain(`Removed subscription #${second}.`);
    expect((await storedSubscriptions()).map((r) => r.id)).toEqual([first, nextDoor, elsewhere]);
  });

  it("removes all of this channel's subscriptions when no number is given, and no one else's", async () => {
    const reply = await runAs(ctx, 'alerts unsubscribe', {}, { admin: true });

    expect(replyText(reply)).toContain(`Removed subscriptions #${first}, #${second}.`);
    expect((await storedSubscriptions()).map((r) => r.id)).toEqual([nextDoor, elsewhere]);
  });

  it.each([
    ["another channel's subscription", () => nextDoor],
    ["another workspace's subscription", () => elsewhere],
    ['a number no subscription has', () => 999],
  ])('refuses %s and changes nothing', async (_what, id) => {
    const before = await snapshotDatabase(database.db);

    const reply = await runAs(ctx, 'alerts unsubscribe', { id: id() }, { admin: true });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain(`this channel has no subscription #${id()} (see /alerts list)`);
    expect(await snapshotDatabase(database.db)).toEqual(before);
  });

  it('says so when the channel has no subscription to remove', async () => {
    const reply = await runAs(
      ctx,
      'alerts unsubscribe',
      {},
      { admin: true, channel: { id: 'C3', destination: 'discord:G1:C3' } },
    );

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain('this channel has no subscriptions');
    expect(await storedSubscriptions()).toHaveLength(4);
  });
});

describe('/alerts list', () => {
  it("shows this channel's subscriptions with their filters to any member", async () => {
    await runAs(ctx, 'alerts subscribe', { labs: 'DeepSeek', min_params_b: 30, mode: 'daily' }, { admin: true });
    await runAs(ctx, 'alerts subscribe', { countries: 'US', tasks: 'image-text-to-text' }, { admin: true });
    await existing(NEXT_DOOR, { countries: ['FR'] });
    await existing(ELSEWHERE, { countries: ['JP'] });

    const reply = await runAs(ctx, 'alerts list');

    expect(reply.ephemeral).toBe(true);
    expect(listItems(reply)).toEqual([
      '#1 labs DeepSeek · at least 30B parameters · daily',
      '#2 every tracked lab · countries US · tasks image-text-to-text · instant',
    ]);
  });

  it('marks a paused subscription PAUSED with the reason and how to resume it', async () => {
    const paused = await existing(HERE, { pausedAt: new Date('2026-11-28T10:15:00Z'), pauseReason: 'Missing Access' });
    const silent = await existing(HERE, { pausedAt: new Date('2026-11-28T11:00:00Z') });
    const running = await existing(HERE, { variants: true });

    const reply = await runAs(ctx, 'alerts list');

    expect(listItems(reply)).toEqual([
      `#${paused} every tracked lab · instant · PAUSED since 2026-11-28 10:15 UTC: Missing Access`,
      `#${silent} every tracked lab · instant · PAUSED since 2026-11-28 11:00 UTC: the channel refused the last alert`,
      `#${running} every tracked lab · variants too · instant`,
    ]);
    expect(replyText(reply)).toContain('run /alerts subscribe to resume');
  });

  it('says how to subscribe when the channel has no subscription', async () => {
    await existing(NEXT_DOOR);

    const reply = await runAs(ctx, 'alerts list');

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain(
      'This channel has no subscriptions. An admin can add one with /alerts subscribe.',
    );
  });
});
