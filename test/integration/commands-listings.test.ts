import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../commands/types.js';
import { flag } from '../../src/format/flag.js';
import { labs, releases, workspaceLabs, workspaces } from '../../db/schema.js';
import {
  commandContext,
  daysAgo,
  listItems,
  listedRepos,
  replyText,
  runAs,
  seedWorld,
  TEAM,
  TEAM_CHANNEL,
} from '../helpers/command-world.js';
import { useTestDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
let ctx: CommandContext;

// The file seeds its world once: tests read it, and one that writes does so in a workspace of its own.
beforeAll(async () => {
  await seedWorld(database.db);
  ctx = commandContext(database.db);
});

describe('/releases', () => {
  it('shows the 15 newest of a busy window and says that it cut the list', async () => {
    const workspace = { id: 'discord:G-busy', platform: 'discord' };
    await database.db.insert(workspaces).values(workspace);
    const [lab] = await database.db.insert(labs).values({ name: 'Busy Lab', country: 'JP' }).returning({ id: labs.id });
    await database.db.insert(workspaceLabs).values({ workspaceId: workspace.id, labId: lab!.id });
    await database.db.insert(releases).values(
      Array.from({ length: 20 }, (_, i) => ({
        labId: lab!.id,
        title: `busy/model-${i}`,
        firstSeenAt: daysAgo(1 + i / 10),
      })),
    );

    const reply = await runAs(
      ctx,
      'releases',
      {},
      { workspace, channel: { id: 'CB', destination: 'discord:G-busy:CB' } },
    );

    expect(listItems(reply)).toHaveLength(15);
    expect(listItems(reply)[0]).toContain('busy/model-0');
    expect(replyText(reply)).toContain('Showing the 15 newest; narrow with lab, country or days.');
  });

  it("lists the last 7 days' releases of the labs tracked here, newest first", async () => {
    const reply = await runAs(ctx, 'releases');

    expect(reply.ephemeral).toBe(true);
    expect(reply.title).toBe('Releases in the last 7 days');
    expect(listedRepos(reply)).toEqual([
      'deepseek-ai/DeepSeek-V4',
      'Qwen/Qwen3-Coder-30B',
      'mistralai/Magistral-Small-2611',
    ]);
  });

  it('describes each release by date, lab, size, task and how many variants came with it', async () => {
    const reply = await runAs(ctx, 'releases');

    const [deepseek, qwen] = listItems(reply);
    expect(deepseek).toBe(
      `2026-11-28 · ${flag('CN')} DeepSeek · deepseek-ai/DeepSeek-V4 · 685B · text-generation · +1 variant`,
    );
    expect(qwen).toBe(
      `2026-11-26 · ${flag('CN')} Alibaba Qwen · Qwen/Qwen3-Coder-30B · 30B · text-generation · +1 variant`,
    );
  });

  it('never shows a lab that only another workspace tracks', async () => {
    const guild = await runAs(ctx, 'releases', { days: 30 });
    const askedByName = await runAs(ctx, 'releases', { lab: 'Meta' });
    const team = await runAs(ctx, 'releases', {}, { workspace: TEAM, channel: TEAM_CHANNEL });

    expect(listedRepos(guild)).not.toContain('meta-llama/Llama-5-70B');
    expect(listedRepos(askedByName)).toEqual([]);
    expect(replyText(askedByName)).toContain('Nothing new from the labs tracked here.');
    expect(listedRepos(team)).toEqual(['deepseek-ai/DeepSeek-V4', 'meta-llama/Llama-5-70B']);
  });

  it.each([
    ['its name, any case', 'alibaba QWEN'],
    ['one of its Hub orgs', 'Wan-AI'],
  ])('filters by a lab given by %s', async (_how, lab) => {
    const reply = await runAs(ctx, 'releases', { lab });

    expect(reply.title).toBe('Releases in the last 7 days (Alibaba Qwen)');
    expect(listedRepos(reply)).toEqual(['Qwen/Qwen3-Coder-30B']);
  });

  it("filters by the lab's country", async () => {
    const reply = await runAs(ctx, 'releases', { country: 'fr' });

    expect(reply.title).toBe('Releases in the last 7 days (FR)');
    expect(listedRepos(reply)).toEqual(['mistralai/Magistral-Small-2611']);
  });

  it('looks back as many days as asked', async () => {
    const oneDay = await runAs(ctx, 'releases', { days: 1 });
    const fortnight = await runAs(ctx, 'releases', { days: '14' });
    const quarter = await runAs(ctx, 'releases', { days: 90, lab: 'deepseek-ai' });

    expect(oneDay.title).toBe('Releases in the last 1 day');
    expect(listedRepos(oneDay)).toEqual(['deepseek-ai/DeepSeek-V4']);
    expect(listedRepos(fortnight)).toEqual([
      'deepseek-ai/DeepSeek-V4',
      'Qwen/Qwen3-Coder-30B',
      'mistralai/Magistral-Small-2611',
      'google/gemma-4-12b',
    ]);
    expect(listedRepos(quarter)).toEqual([
      'deepseek-ai/DeepSeek-V4',
      'deepseek-ai/DeepSeek-OCR-2',
      'deepseek-ai/DeepSeek-V3',
    ]);
  });

  it('hides releases made only of variants unless variants is true', async () => {
    const hidden = await runAs(ctx, 'releases');
    const shown = await runAs(ctx, 'releases', { variants: 'true' });

    expect(listedRepos(hidden)).not.toContain('Qwen/Qwen3-8B-AWQ');
    expect(listedRepos(shown)).toEqual([
      'deepseek-ai/DeepSeek-V4',
      'Qwen/Qwen3-8B-AWQ',
      'Qwen/Qwen3-Coder-30B',
      'mistralai/Magistral-Small-2611',
    ]);
  });

  it('says so plainly when nothing matches', async () => {
    const reply = await runAs(ctx, 'releases', { country: 'US' });

    expect(reply.ephemeral).toBe(true);
    expect(reply.title).toBe('Releases in the last 7 days (US)');
    expect(reply.blocks).toEqual([{ type: 'text', text: ['Nothing new from the labs tracked here.'] }]);
  });

  it('answers an unknown lab with a hint instead of an empty list', async () => {
    const reply = await runAs(ctx, 'releases', { lab: 'Nvidia' });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain('no lab called "Nvidia": try /labs list');
  });
});

describe('/rankings', () => {
  it.each([
    [
      'downloads',
      [
        'Qwen/Qwen3-8B',
        'deepseek-ai/DeepSeek-V3',
        'Qwen/Qwen3-Coder-30B',
        'Qwen/Qwen3-32B',
        'deepseek-ai/DeepSeek-V4',
        'google/gemma-4-12b',
        'Qwen/Qwen3-Coder-480B',
        'mistralai/Magistral-Small-2611',
        'deepseek-ai/DeepSeek-V4-Distill-Qwen3-32B',
        'deepseek-ai/DeepSeek-OCR-2',
      ],
    ],
    [
      'likes',
      [
        'deepseek-ai/DeepSeek-V3',
        'deepseek-ai/DeepSeek-V4',
        'google/gemma-4-12b',
        'Qwen/Qwen3-Coder-480B',
        'Qwen/Qwen3-Coder-30B',
        'Qwen/Qwen3-8B',
        'Qwen/Qwen3-32B',
        'mistralai/Magistral-Small-2611',
        'deepseek-ai/DeepSeek-OCR-2',
        'deepseek-ai/DeepSeek-V4-Distill-Qwen3-32B',
      ],
    ],
    [
      'trending',
      [
        'Qwen/Qwen3-Coder-30B',
        'google/gemma-4-12b',
        'deepseek-ai/DeepSeek-V4',
        'Qwen/Qwen3-Coder-480B',
        'mistralai/Magistral-Small-2611',
        'deepseek-ai/DeepSeek-V4-Distill-Qwen3-32B',
        'deepseek-ai/DeepSeek-OCR-2',
        'Qwen/Qwen3-8B',
        'Qwen/Qwen3-32B',
        'deepseek-ai/DeepSeek-V3',
      ],
    ],
  ])("orders the tracked labs' models by %s", async (metric, expected) => {
    const reply = await runAs(ctx, 'rankings', { metric });

    expect(reply.title).toBe(`Top 10 by ${metric}`);
    expect(listedRepos(reply)).toEqual(expected);
  });

  it('ranks by downloads when no metric is given, and shows the figure ranked on', async () => {
    const byDefault = await runAs(ctx, 'rankings');
    const byLikes = await runAs(ctx, 'rankings', { metric: 'LIKES' });
    const byTrending = await runAs(ctx, 'rankings', { metric: 'trending' });

    expect(listItems(byDefault)[0]).toContain('4M downloads');
    expect(listItems(byLikes)[0]).toContain('4K likes');
    expect(listItems(byTrending)[0]).toContain('trending 500');
    expect(byDefault.chart).toMatchObject({ kind: 'bars', byCountry: true, yTitle: 'downloads (last 30 days)' });
    expect(byDefault.chart!.points[0]).toEqual({ x: 'Qwen/Qwen3-8B', series: 'CN', value: 4_000_000 });
    expect(byDefault.chart!.points.map((p) => p.x)).toEqual(listedRepos(byDefault));
    expect(byLikes.chart!.points[0]).toMatchObject({ x: 'deepseek-ai/DeepSeek-V3', series: 'CN' });
  });

  it('names the lab and its country on every row', async () => {
    const labels: Record<string, string> = {
      'deepseek-ai': `${flag('CN')} DeepSeek`,
      Qwen: `${flag('CN')} Alibaba Qwen`,
      mistralai: `${flag('FR')} Mistral AI`,
      google: `${flag('US')} Google`,
    };

    const reply = await runAs(ctx, 'rankings', { limit: 25 });

    const rows = listItems(reply);
    expect(rows).toHaveLength(10);
    for (const [i, repo] of listedRepos(reply).entries()) {
      expect(rows[i]).toContain(` · ${labels[repo.split('/')[0]!]} · `);
    }
  });

  it('leaves out variants, private repos and labs not tracked here, even when they lead', async () => {
    const reply = await runAs(ctx, 'rankings', { metric: 'trending', limit: 25 });

    const repos = listedRepos(reply);
    for (const hidden of [
      'deepseek-ai/DeepSeek-V4-FP8',
      'Qwen/Qwen3-Coder-30B-GGUF',
      'Qwen/Qwen3-8B-AWQ',
      'Qwen/Qwen4-Preview',
      'meta-llama/Llama-5-70B',
    ]) {
      expect(repos).not.toContain(hidden);
    }
  });

  it('filters by country and by task, any case', async () => {
    const us = await runAs(ctx, 'rankings', { country: 'us' });
    const vision = await runAs(ctx, 'rankings', { task: 'Image-Text-To-Text' });
    const chineseVision = await runAs(ctx, 'rankings', { country: 'CN', task: 'image-text-to-text' });

    expect(listedRepos(us)).toEqual(['google/gemma-4-12b']);
    expect(listedRepos(vision)).toEqual(['google/gemma-4-12b', 'deepseek-ai/DeepSeek-OCR-2']);
    expect(chineseVision.title).toBe('Top 10 by downloads (CN, image-text-to-text)');
    expect(listedRepos(chineseVision)).toEqual(['deepseek-ai/DeepSeek-OCR-2']);
  });

  it('returns at most limit models', async () => {
    const reply = await runAs(ctx, 'rankings', { limit: '3' });

    expect(reply.title).toBe('Top 3 by downloads');
    expect(listedRepos(reply)).toEqual(['Qwen/Qwen3-8B', 'deepseek-ai/DeepSeek-V3', 'Qwen/Qwen3-Coder-30B']);
  });

  it('says so plainly when no model matches', async () => {
    const reply = await runAs(ctx, 'rankings', { country: 'JP' });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toContain('No models match among the labs tracked here yet.');
  });
});
