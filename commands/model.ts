import { callLine, runLine, runsOnLine, shapeLine } from '../src/format/model-facts.js';
import { formatCount, formatDate, formatTime } from '../src/format/numbers.js';
import { UserError } from '../src/shared/user-error.js';
import { labLabel, repoLink, sizeOf } from './render-helpers.js';
import { defineCommand, type Inline, type ReplyBlock } from './types.js';

function releaseWhen(release: { firstSeenAt: Date; historical: boolean; undated: boolean }): string {
  if (release.undated) return 'from before floodwatch watched the lab, undated (the Hub gives its import date)';
  if (release.historical) return `from before floodwatch watched the lab, created ${formatDate(release.firstSeenAt)}`;
  return `first seen ${formatTime(release.firstSeenAt)}`;
}

export const modelCommand = defineCommand({
  name: 'model',
  description: 'One model: lab, size, what it is, memory, providers, lineage, release and variants',
  options: [
    {
      type: 'string',
      name: 'id',
      description: 'The Hub repo, e.g. deepseek-ai/DeepSeek-R1',
      required: true,
      autocomplete: 'model',
      maxLength: 200,
      example: 'deepseek-ai/DeepSeek-R1',
    },
  ] as const,
  async run(ctx, { workspace, args }) {
    const repo = args.id.replace(/^https?:\/\/[^/]+\//, '');
    if (!/^[\w.-]+\/[\w.-]+$/.test(repo))
      throw new UserError(`"${args.id}" is not a Hub repo id (org/name, e.g. deepseek-ai/DeepSeek-R1)`);
    const m = await ctx.services.models.details(repo);
    if (!m || m.private)
      throw new UserError(`floodwatch has not seen ${repo}: it tracks the repos of tracked labs only`);
    const [untracked] = await ctx.services.labs.untrackedOf(workspace.id, [m.lab]);
    if (untracked)
      throw new UserError(
        `${repo} is from ${untracked.name}, which this workspace does not track: /labs add an org of it first`,
      );
    const fields: { name: string; value: Inline[] }[] = [
      { name: 'Lab', value: [`${labLabel(m.lab)} (${m.lab.country})`] },
      { name: 'Created', value: [m.createdAt ? formatDate(m.createdAt) : 'unknown'] },
      {
        name: 'First seen public',
        value: [m.firstSeenPublicAt ? formatTime(m.firstSeenPublicAt) : 'before floodwatch watched'],
      },
      { name: 'Task', value: [m.task ?? 'unknown'] },
      { name: 'Size', value: [sizeOf(m.params) ?? 'unknown'] },
      { name: 'License', value: [m.license ?? 'unknown'] },
      { name: 'Gated', value: [m.gated ? `yes (${m.gated})` : 'no'] },
      { name: 'Downloads (30 d)', value: [formatCount(m.downloads)] },
      { name: 'Likes', value: [formatCount(m.likes)] },
      { name: 'Weights memory', value: [runLine(m) ?? 'unknown'] },
      { name: 'Shape', value: [shapeLine({ ...m, baseModels: [] }) ?? 'unknown'] },
      { name: 'Inference providers', value: [m.providers === null ? 'unknown' : (callLine(m) ?? 'none live yet')] },
      { name: 'Runs on', value: [runsOnLine(m) ?? 'nothing beyond the usual named'] },
    ];
    const lineage: Inline[][] = m.baseModels.map((b, i) => [
      i === 0 && m.relation ? `${m.relation} of ` : 'base: ',
      repoLink(ctx.hubUrl, b.repo),
      b.lab ? ` · ${labLabel(b.lab)} (${b.lab.country})` : ' · lab not tracked',
    ]);
    const blocks: ReplyBlock[] = [
      ...(m.cardLine ? [{ type: 'text' as const, text: [{ bold: 'What it is' }, `: ${m.cardLine}`] }] : []),
      { type: 'fields', fields },
    ];
    blocks.push({ type: 'text', text: [{ bold: 'Lineage' }] });
    blocks.push(
      lineage.length > 0 ? { type: 'list', items: lineage } : { type: 'text', text: ['No base model: an original.'] },
    );
    if (m.release) {
      const others = m.release.models.filter((x) => x.repo !== m.repo);
      blocks.push({
        type: 'text',
        text: [{ bold: 'Release' }, ` ${m.release.title}, ${releaseWhen(m.release)}`],
      });
      if (others.length > 0)
        blocks.push({
          type: 'list',
          items: others.map((x) => [repoLink(ctx.hubUrl, x.repo), x.isVariant ? ' (variant)' : '']),
        });
    }
    return { ephemeral: true, title: m.repo, url: `${ctx.hubUrl}/${m.repo}`, blocks };
  },
});
