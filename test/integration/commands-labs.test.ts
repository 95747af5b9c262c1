import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/types.js';
import { labOrgs, labs, workspaceLabs, workspaces } from '../../db/schema.js';
import { flag } from '../../src/format/flag.js';
import {
  BASELINE_AT,
  commandContext,
  GUILD,
  listItems,
  replyText,
  runAs,
  seedWorld,
  snapshotDatabase,
  TEAM,
  type World,
} from '../helpers/command-world.js';
import { useTestDatabase, resetDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
let ctx: CommandContext;
let world: World;

beforeAll(async () => {
  ctx = commandContext(database.db);
});
beforeEach(async () => {
  await resetDatabase(database);
  world = await seedWorld(database.db);
});

async function trackedBy(workspaceId: string): Promise<number[]> {
  const rows = await database.db
    .select({ labId: workspaceLabs.labId })
    .from(workspaceLabs)
    .where(eq(workspaceLabs.workspaceId, workspaceId));
  return rows.map((r) => r.labId).sort((a, b) => a - b);
}

function ids(...keys: (keyof World['labIds'])[]): number[] {
  return keys.map((k) => world.labIds[k]).sort((a, b) => a - b);
}

describe('/labs list', () => {
  it('lists the labs tracked here, then the rest of the catalog, each with its country and orgs', async () => {
    const reply = await runAs(ctx, 'labs list');

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain('Tracked here (4)');
    expect(listItems(reply, 0)).toEqual([
      `${flag('CN')} Alibaba Qwen (CN) · Qwen, Wan-AI`,
      `${flag('CN')} DeepSeek (CN) · deepseek-ai`,
      `${flag('US')} Google (US) · google`,
      `${flag('FR')} Mistral AI (FR) · mistralai`,
    ]);
    expect(replyText(reply)).toContain('Known, not tracked (1)');
    expect(listItems(reply, 1)).toEqual([`${flag('US')} Meta (US) · facebook, meta-llama`]);
  });

  it('filters by country', async () => {
    const reply = await runAs(ctx, 'labs list', { country: 'us' });

    expect(reply.title).toBe('Labs from US');
    expect(listItems(reply, 0)).toEqual([`${flag('US')} Google (US) · google`]);
    expect(listItems(reply, 1)).toEqual([`${flag('US')} Meta (US) · facebook, meta-llama`]);
  });

  it('tells a workspace that tracks nothing how to start', async () => {
    const reply = await runAs(ctx, 'labs list', {}, { workspace: { id: 'discord:G-new', platform: 'discord' } });

    expect(replyText(reply)).toContain('Tracked here (0)');
    expect(replyText(reply)).toContain('None yet: /labs add <org> <country>');
    expect(listItems(reply, 0)).toHaveLength(5);
  });
});

describe('/labs add', () => {
  it('tracks the lab that owns an org already in the catalog', async () => {
    const reply = await runAs(ctx, 'labs add', { org: 'facebook' }, { admin: true });

    expect(reply.ephemeral).toBe(false);
    expect(replyText(reply)).toContain(`Now tracking ${flag('US')} Meta (facebook, meta-llama).`);
    expect(await trackedBy(GUILD.id)).toEqual(ids('deepseek', 'qwen', 'mistral', 'google', 'meta'));
  });

  it('says so, privately, when the lab is already tracked', async () => {
    const before = await snapshotDatabase(database.db);

    const reply = await runAs(ctx, 'labs add', { org: 'Wan-AI' }, { admin: true });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain(`${flag('CN')} Alibaba Qwen (Qwen, Wan-AI) is already tracked here.`);
    expect(await snapshotDatabase(database.db)).toEqual(before);
  });

  it('creates a lab for an org new to the catalog, with its country and name, and tracks it', async () => {
    const reply = await runAs(
      ctx,
      'labs add',
      { org: 'moonshotai', country: 'cn', name: '  Moonshot   AI ' },
      { admin: true },
    );

    expect(replyText(reply)).toContain(`Now tracking ${flag('CN')} Moonshot AI (moonshotai), new to the catalog.`);
    const [lab] = await database.db.select().from(labs).where(eq(labs.name, 'Moonshot AI'));
    expect(lab).toMatchObject({ country: 'CN' });
    const [org] = await database.db.select().from(labOrgs).where(eq(labOrgs.org, 'moonshotai'));
    expect(org).toMatchObject({ labId: lab!.id, baselineAt: null });
    expect(await trackedBy(GUILD.id)).toContain(lab!.id);
  });

  it('names a new lab after its org when no name is given, in a workspace seen for the first time', async () => {
    const workspace = { id: 'slack:T-new', platform: 'slack' };

    await runAs(ctx, 'labs add', { org: 'swiss-ai', country: 'CH' }, { admin: true, workspace });

    const [lab] = await database.db.select().from(labs).where(eq(labs.name, 'swiss-ai'));
    expect(lab).toMatchObject({ country: 'CH' });
    expect(await trackedBy(workspace.id)).toEqual([lab!.id]);
    expect(await database.db.select().from(workspaces).where(eq(workspaces.id, workspace.id))).toEqual([
      expect.objectContaining({ platform: 'slack' }),
    ]);
  });

  it.each([
    [
      'an org new to the catalog without a country',
      { org: 'moonshotai' },
      'moonshotai is not in the catalog yet: give its country too',
    ],
    [
      'a country that contradicts the catalog',
      { org: 'meta-llama', country: 'CN' },
      'meta-llama belongs to Meta, whose country is US, not CN',
    ],
    [
      'a new lab named like an existing one',
      { org: 'deepseek-mirror', country: 'CN', name: 'deepseek' },
      'a lab named "deepseek" already exists',
    ],
  ])('refuses %s and changes nothing', async (_what, args, message) => {
    const workspace = { id: 'discord:G-new', platform: 'discord' };
    const before = await snapshotDatabase(database.db);

    const reply = await runAs(ctx, 'labs add', args, { admin: true, workspace });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain(message);
    expect(await snapshotDatabase(database.db)).toEqual(before);
  });
});

describe('/labs remove', () => {
  it('stops tracking the lab that owns the org, and forgets its baseline when nobody tracks it', async () => {
    const reply = await runAs(ctx, 'labs remove', { org: 'wan-ai' }, { admin: true });

    expect(reply.ephemeral).toBe(false);
    expect(replyText(reply)).toContain('Stopped tracking Alibaba Qwen (Qwen, Wan-AI).');
    expect(await trackedBy(GUILD.id)).toEqual(ids('deepseek', 'mistral', 'google'));
    const orgs = await database.db.select().from(labOrgs).where(eq(labOrgs.labId, world.labIds.qwen));
    expect(orgs.map((o) => o.baselineAt)).toEqual([null, null]);
    expect(await database.db.select().from(labs).where(eq(labs.id, world.labIds.qwen))).toHaveLength(1);
  });

  it("keeps the baseline of a lab another workspace still tracks, and that workspace's tracking", async () => {
    await runAs(ctx, 'labs remove', { org: 'deepseek-ai' }, { admin: true });

    expect(await trackedBy(GUILD.id)).toEqual(ids('qwen', 'mistral', 'google'));
    expect(await trackedBy(TEAM.id)).toEqual(ids('deepseek', 'meta'));
    const [org] = await database.db.select().from(labOrgs).where(eq(labOrgs.org, 'deepseek-ai'));
    expect(org!.baselineAt).toEqual(BASELINE_AT);
  });

  it.each([
    ['an org no lab owns', 'openai', 'openai is not an org of any known lab'],
    ['a lab not tracked here', 'meta-llama', 'Meta is not tracked here'],
  ])('refuses %s and changes nothing', async (_what, org, message) => {
    const before = await snapshotDatabase(database.db);

    const reply = await runAs(ctx, 'labs remove', { org }, { admin: true });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain(message);
    expect(await snapshotDatabase(database.db)).toEqual(before);
  });
});
