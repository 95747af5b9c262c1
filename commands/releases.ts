import { formatDate } from '../src/format/numbers.js';
import { labLabel, repoLink, sizeOf } from './render-helpers.js';
import { defineCommand, type Inline } from './types.js';

const SHOWN = 15;
const HISTORY_MARK = '(history)';
const HISTORY_NOTE =
  `${HISTORY_MARK}: published before floodwatch watched the lab, dated by the repo's creation; ` + 'never alerted.';

export const releasesCommand = defineCommand({
  name: 'releases',
  description: 'Recent releases from the labs this workspace tracks, newest first',
  options: [
    {
      type: 'string',
      name: 'lab',
      description: 'Only this lab (name or Hub org)',
      autocomplete: 'lab',
      example: 'DeepSeek',
    },
    {
      type: 'string',
      name: 'country',
      description: 'Only labs from this country (ISO code, e.g. CN)',
      format: 'country',
      example: 'CN',
    },
    { type: 'integer', name: 'days', description: 'How many days back (1-90)', min: 1, max: 90, default: 7 },
    {
      type: 'boolean',
      name: 'variants',
      description: 'Include releases made only of quantizations and re-uploads',
      default: false,
    },
  ] as const,
  async run(ctx, { workspace, args }) {
    const lab = args.lab === undefined ? undefined : await ctx.services.labs.resolve(args.lab);
    const list = await ctx.services.releases.recent({
      now: ctx.now(),
      days: args.days,
      workspaceId: workspace.id,
      labIds: lab ? [lab.id] : undefined,
      country: args.country,
      variants: args.variants,
      limit: SHOWN + 1,
    });
    const scope = [lab?.name, args.country].filter(Boolean).join(', ');
    const title = `Releases in the last ${args.days} day${args.days > 1 ? 's' : ''}${scope ? ` (${scope})` : ''}`;
    if (list.length === 0)
      return { ephemeral: true, title, blocks: [{ type: 'text', text: ['Nothing new from the labs tracked here.'] }] };
    const more = list.length > SHOWN;
    const items = list.slice(0, SHOWN).map((release): Inline[] => {
      const main = release.models.find((m) => m.repo === release.title) ?? release.models[0];
      const variants = release.models.filter((m) => m.isVariant).length;
      const facts = [
        sizeOf(main?.params),
        main?.task,
        variants ? `+${variants} variant${variants > 1 ? 's' : ''}` : undefined,
      ].filter(Boolean);
      return [
        `${formatDate(release.firstSeenAt)}${release.historical ? ` ${HISTORY_MARK}` : ''}`,
        ` · ${labLabel(release.lab)} · `,
        repoLink(ctx.hubUrl, release.title),
        facts.length ? ` · ${facts.join(' · ')}` : '',
      ];
    });
    const notes = [
      ...(more ? [`Showing the ${SHOWN} newest; narrow with lab, country or days.`] : []),
      ...(list.slice(0, SHOWN).some((r) => r.historical) ? [HISTORY_NOTE] : []),
    ];
    return {
      ephemeral: true,
      title,
      blocks: [{ type: 'list', items }, ...notes.map((note) => ({ type: 'note' as const, text: [note] }))],
    };
  },
});
