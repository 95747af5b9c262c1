import { flag } from '../src/format/flag.js';
import { parseLabName } from '../src/labs/validate.js';
import { defineCommand, type CommandGroup, type Inline } from './types.js';

const list = defineCommand({
  name: 'list',
  description: 'Tracked and known labs with their Hub orgs and country',
  options: [
    {
      type: 'string',
      name: 'country',
      description: 'Only labs from this country (ISO code, e.g. CN)',
      format: 'country',
      example: 'CN',
    },
  ] as const,
  async run(ctx, { workspace, args }) {
    const labs = await ctx.services.labs.list(workspace.id, { country: args.country });
    const line = (lab: (typeof labs)[number]): Inline[] => [
      `${flag(lab.country)} `,
      { bold: lab.name },
      ` (${lab.country}) · ${lab.orgs.map((o) => o.org).join(', ')}`,
    ];
    const tracked = labs.filter((l) => l.tracked);
    const known = labs.filter((l) => !l.tracked);
    return {
      ephemeral: true,
      title: `Labs${args.country ? ` from ${args.country}` : ''}`,
      blocks: [
        { type: 'text', text: [{ bold: `Tracked here (${tracked.length})` }] },
        tracked.length
          ? { type: 'list', items: tracked.map(line) }
          : { type: 'text', text: ['None yet: /labs add <org> <country>'] },
        ...(known.length
          ? [
              { type: 'text' as const, text: [{ bold: `Known, not tracked (${known.length})` }] },
              { type: 'list' as const, items: known.map(line) },
            ]
          : []),
      ],
    };
  },
});

const add = defineCommand({
  name: 'add',
  description: 'Track a Hub org for this workspace (admins)',
  admin: true,
  options: [
    {
      type: 'string',
      name: 'org',
      description: 'The Hugging Face org, e.g. deepseek-ai',
      required: true,
      format: 'org',
      autocomplete: 'org',
      example: 'deepseek-ai',
    },
    {
      type: 'string',
      name: 'country',
      description: 'ISO country code of the lab, needed for an org new to the catalog',
      format: 'country',
      example: 'CN',
    },
    {
      type: 'string',
      name: 'name',
      description: 'Display name for a lab new to the catalog',
      maxLength: 80,
      example: 'My Lab',
    },
  ] as const,
  async run(ctx, { workspace, args }) {
    const result = await ctx.services.labs.track({
      workspaceId: workspace.id,
      platform: workspace.platform,
      org: args.org,
      country: args.country,
      name: args.name === undefined ? undefined : parseLabName(args.name),
    });
    const what = `${flag(result.country)} ${result.labName} (${result.orgs.join(', ')})`;
    if (result.alreadyTracked)
      return { ephemeral: true, blocks: [{ type: 'text', text: [`${what} is already tracked here.`] }] };
    return {
      ephemeral: false,
      blocks: [
        { type: 'text', text: [`Now tracking ${what}${result.created ? ', new to the catalog' : ''}.`] },
        {
          type: 'note',
          text: ['Its first poll stores what already exists without alerting; new releases alert from then on.'],
        },
      ],
    };
  },
});

const remove = defineCommand({
  name: 'remove',
  description: 'Stop tracking a lab in this workspace (admins)',
  admin: true,
  options: [
    {
      type: 'string',
      name: 'org',
      description: 'A Hub org of the lab, e.g. deepseek-ai',
      required: true,
      format: 'org',
      autocomplete: 'org',
      example: 'deepseek-ai',
    },
  ] as const,
  async run(ctx, { workspace, args }) {
    const result = await ctx.services.labs.untrack({ workspaceId: workspace.id, org: args.org });
    return {
      ephemeral: false,
      blocks: [{ type: 'text', text: [`Stopped tracking ${result.labName} (${result.orgs.join(', ')}).`] }],
    };
  },
});

export const labsCommand: CommandGroup = {
  name: 'labs',
  description: 'Which labs this workspace tracks',
  subcommands: [list, add, remove],
};
