import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/types.js';
import { labs, releases, workspaceLabs, workspaces } from '../../db/schema.js';
import { flag } from '../../src/format/flag.js';
import { plainInline } from '../../src/platforms/plain-reply.js';
import { spellCommand as slackSpelling } from '../../src/platforms/slack/mrkdwn.js';
import {
  barRows,
  commandContext,
  commandPaths,
  daysAgo,
  fieldsOf,
  HUB_URL,
  listItems,
  replyText,
  runAs,
  seedWorld,
  TEAM,
  TEAM_CHANNEL,
} from '../helpers/command-world.js';
import { useTestDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
let ctx: CommandContext;

// Every test here only reads the seeded world; the one that adds labs does so in a workspace of its own.
beforeAll(async () => {
  await seedWorld(database.db);
  ctx = commandContext(database.db);
});

function sharesSum(rows: { share: number }[]): number {
  return rows.reduce((sum, r) => sum + r.share, 0);
}

const CN = `${flag('CN')} China`;
const FR = `${flag('FR')} France`;
const US = `${flag('US')} United States`;

describe('/origins', () => {
  it("shares the last 30 days' releases by country and by lab, leaving out variant-only releases", async () => {
    const reply = await runAs(ctx, 'origins');

    expect(reply.title).toBe('Origins of the last 30 days by releases');
    const byCountry = barRows(reply, 0);
    expect(byCountry[0]).toEqual({ label: CN, value: 3, share: 0.6 });
    expect(byCountry.slice(1)).toEqual(
      expect.arrayContaining([
        { label: FR, value: 1, share: 0.2 },
        { label: US, value: 1, share: 0.2 },
      ]),
    );
    expect(sharesSum(byCountry)).toBeCloseTo(1, 10);
    const byLab = barRows(reply, 1);
    expect(byLab[0]).toEqual({ label: `${flag('CN')} DeepSeek`, value: 2, share: 0.4 });
    expect(
      byLab
        .slice(1)
        .map((r) => r.label)
        .sort(),
    ).toEqual([`${flag('CN')} Alibaba Qwen`, `${flag('FR')} Mistral AI`, `${flag('US')} Google`]);
    expect(sharesSum(byLab)).toBeCloseTo(1, 10);
    expect(replyText(reply)).toContain('Total: 5 releases');
  });

  it('counts only what falls inside the window', async () => {
    const week = await runAs(ctx, 'origins', { days: 7 });
    const quarter = await runAs(ctx, 'origins', { days: '90' });

    expect(barRows(week, 0).map((r) => [r.label, r.value])).toEqual([
      [CN, 2],
      [FR, 1],
    ]);
    expect(barRows(week, 1).map((r) => r.label)).not.toContain(`${flag('US')} Google`);
    expect(barRows(quarter, 1)[0]).toMatchObject({ label: `${flag('CN')} DeepSeek`, value: 3 });
    expect(replyText(quarter)).toContain('Total: 6 releases');
  });

  it.each([
    // The variants (DeepSeek-V4-FP8, Qwen3-8B-AWQ, Qwen3-Coder-30B-GGUF) count for nothing, as in rankings.
    [
      'downloads',
      { CN: 2_850_000, US: 700_000, FR: 200_000 },
      { 'Alibaba Qwen': 1_800_000, DeepSeek: 1_050_000, Google: 700_000, 'Mistral AI': 200_000 },
    ],
    [
      'likes',
      { CN: 6_000, US: 2_000, FR: 600 },
      { DeepSeek: 3_900, 'Alibaba Qwen': 2_100, Google: 2_000, 'Mistral AI': 600 },
    ],
  ])(
    'sums the %s of public originals created in the window, each share a part of the whole',
    async (metric, countries, byLab) => {
      const reply = await runAs(ctx, 'origins', { metric });

      const countryRows = barRows(reply, 0);
      const labRows = barRows(reply, 1);
      const total = Object.values(countries).reduce((a, b) => a + b, 0);
      expect(countryRows.map((r) => r.value)).toEqual(Object.values(countries));
      expect(labRows.map((r) => [r.label.slice(r.label.indexOf(' ') + 1), r.value])).toEqual(Object.entries(byLab));
      for (const row of [...countryRows, ...labRows]) expect(row.share).toBeCloseTo(row.value / total, 10);
      expect(sharesSum(countryRows)).toBeCloseTo(1, 10);
      expect(sharesSum(labRows)).toBeCloseTo(1, 10);
    },
  );

  it('keeps each lab share a part of the whole when more than ten labs contribute', async () => {
    const workspace = { id: 'discord:G-many', platform: 'discord' };
    await database.db.insert(workspaces).values(workspace);
    const many = await database.db
      .insert(labs)
      .values(
        Array.from({ length: 12 }, (_, i) => ({
          name: `Lab ${String(i + 1).padStart(2, '0')}`,
          country: i % 2 ? 'JP' : 'KR',
        })),
      )
      .returning({ id: labs.id });
    await database.db.insert(workspaceLabs).values(many.map((l) => ({ workspaceId: workspace.id, labId: l.id })));
    await database.db
      .insert(releases)
      .values(many.map((l, i) => ({ labId: l.id, title: `lab-${i}/model`, firstSeenAt: daysAgo(1) })));

    const reply = await runAs(ctx, 'origins', {}, { workspace, channel: { id: 'C', destination: 'discord:G-many:C' } });

    const labRows = barRows(reply, 1);
    expect(labRows).toHaveLength(10);
    for (const row of labRows) expect(row.share).toBeCloseTo(1 / 12, 10);
    expect(barRows(reply, 0).map((r) => r.share)).toEqual([0.5, 0.5]);
    expect(replyText(reply)).toContain('top 10 of 12 labs');
  });

  it('counts only the labs the asking workspace tracks', async () => {
    const reply = await runAs(ctx, 'origins', {}, { workspace: TEAM, channel: TEAM_CHANNEL });

    expect(barRows(reply, 0)).toEqual([
      { label: CN, value: 2, share: 2 / 3 },
      { label: US, value: 1, share: 1 / 3 },
    ]);
    expect(barRows(reply, 1).map((r) => r.label)).toEqual([`${flag('CN')} DeepSeek`, `${flag('US')} Meta`]);
  });

  it('says so plainly when the labs tracked here published nothing in the window', async () => {
    const reply = await runAs(ctx, 'origins', {}, { workspace: { id: 'slack:T-empty', platform: 'slack' } });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain('Nothing in this window among the labs tracked here.');
  });
});

describe('/model', () => {
  it("shows a model's lab with its country, dates, size, task, license and counts", async () => {
    const reply = await runAs(ctx, 'model', { id: 'deepseek-ai/DeepSeek-V4-Distill-Qwen3-32B' });

    expect(reply.ephemeral).toBe(true);
    expect(reply.title).toBe('deepseek-ai/DeepSeek-V4-Distill-Qwen3-32B');
    expect(reply.url).toBe(`${HUB_URL}/deepseek-ai/DeepSeek-V4-Distill-Qwen3-32B`);
    expect(fieldsOf(reply)).toMatchObject({
      Lab: `${flag('CN')} DeepSeek (CN)`,
      Created: '2026-11-27',
      Task: 'text-generation',
      Size: '32B',
      License: 'apache-2.0',
      Gated: 'no',
      'Downloads (30 d)': '100K',
      Likes: '400',
    });
  });

  it("traces its lineage to each base model's lab and country", async () => {
    const distill = await runAs(ctx, 'model', { id: 'deepseek-ai/DeepSeek-V4-Distill-Qwen3-32B' });
    const magistral = await runAs(ctx, 'model', { id: 'mistralai/Magistral-Small-2611' });
    const original = await runAs(ctx, 'model', { id: 'deepseek-ai/DeepSeek-V3' });

    expect(listItems(distill, 0)).toEqual([`finetune of Qwen/Qwen3-32B · ${flag('CN')} Alibaba Qwen (CN)`]);
    expect(listItems(magistral, 0)).toEqual([
      `finetune of mistralai/Mistral-Small-3.2-24B · ${flag('FR')} Mistral AI (FR)`,
      'base: someone/merged-base · lab not tracked',
    ]);
    expect(replyText(original)).toContain('No base model: an original.');
  });

  it('names its release and the other models and variants that came with it', async () => {
    const reply = await runAs(ctx, 'model', { id: 'deepseek-ai/DeepSeek-V4-Distill-Qwen3-32B' });

    expect(replyText(reply)).toContain('Release deepseek-ai/DeepSeek-V4, first seen 2026-11-28 12:48 UTC');
    expect(listItems(reply, 1)).toEqual(['deepseek-ai/DeepSeek-V4', 'deepseek-ai/DeepSeek-V4-FP8 (variant)']);
  });

  it('accepts a Hub URL and any case', async () => {
    const reply = await runAs(ctx, 'model', { id: 'https://huggingface.co/DEEPSEEK-AI/deepseek-v4' });

    expect(reply.title).toBe('deepseek-ai/DeepSeek-V4');
    expect(listItems(reply, 0)).toEqual([`finetune of deepseek-ai/DeepSeek-V3 · ${flag('CN')} DeepSeek (CN)`]);
  });

  it.each([
    ['a repo it never saw', 'deepseek-ai/DeepSeek-V9'],
    ['a private repo', 'Qwen/Qwen4-Preview'],
  ])('answers %s with a clear ephemeral error', async (_what, id) => {
    const reply = await runAs(ctx, 'model', { id });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain(`floodwatch has not seen ${id}: it tracks the repos of tracked labs only`);
  });

  it('answers a model of a lab only another workspace tracks as not tracked here, and shows it there', async () => {
    const guild = await runAs(ctx, 'model', { id: 'meta-llama/Llama-5-70B' });
    const team = await runAs(
      ctx,
      'model',
      { id: 'meta-llama/Llama-5-70B' },
      { workspace: TEAM, channel: TEAM_CHANNEL },
    );

    expect(guild.ephemeral).toBe(true);
    expect(replyText(guild)).toContain('is from Meta, which this workspace does not track');
    expect(team.title).toBe('meta-llama/Llama-5-70B');
  });

  it.each(['DeepSeek-V4', 'deepseek-ai/DeepSeek V4', 'deepseek-ai/DeepSeek-V4/tree/main'])(
    'refuses the malformed id %j',
    async (id) => {
      const reply = await runAs(ctx, 'model', { id });

      expect(reply.ephemeral).toBe(true);
      expect(replyText(reply)).toContain(`"${id}" is not a Hub repo id (org/name`);
    },
  );
});

describe('/help', () => {
  const PATHS = [
    'releases',
    'rankings',
    'origins',
    'report',
    'model',
    'labs list',
    'labs add',
    'labs remove',
    'alerts subscribe',
    'alerts unsubscribe',
    'alerts list',
  ];

  it('lists every command with its options, as each platform spells it', async () => {
    const help = await runAs(ctx, 'help');
    const list = help.blocks.find((b) => b.type === 'list');
    const slack = list?.type === 'list' ? list.items.map((item) => plainInline(item, slackSpelling)) : [];

    expect(commandPaths().filter((p) => p !== 'help')).toEqual(PATHS);
    expect(help.ephemeral).toBe(true);
    expect(listItems(help)).toHaveLength(PATHS.length);
    expect(slack).toHaveLength(PATHS.length);
    for (const [i, path] of PATHS.entries()) {
      expect(listItems(help)[i]).toMatch(new RegExp(`^/${path}( |$)`));
      expect(slack[i]).toMatch(new RegExp(`^/floodwatch ${path}( |$)`));
    }
    expect(listItems(help)).toContain(
      '/labs add org:deepseek-ai [country:CN] [name:My Lab] Track a Hub org for this workspace (admins)',
    );
  });
});

describe('share', () => {
  it('posts a read answer for everyone when share is true, and only to the asker otherwise', async () => {
    const privately = await runAs(ctx, 'rankings', { limit: 3 });
    const shared = await runAs(ctx, 'rankings', { limit: 3, share: true });
    const sharedFromSlack = await runAs(ctx, 'help', { share: 'yes' }, { workspace: TEAM, channel: TEAM_CHANNEL });

    expect(privately.ephemeral).toBe(true);
    expect(shared.ephemeral).toBe(false);
    expect(shared.blocks).toEqual(privately.blocks);
    expect(sharedFromSlack.ephemeral).toBe(false);
  });

  it('keeps an error private even when share is true', async () => {
    const reply = await runAs(ctx, 'model', { id: 'deepseek-ai/DeepSeek-V9', share: true });

    expect(reply.ephemeral).toBe(true);
  });
});
