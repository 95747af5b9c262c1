import { defineCommand, isGroup, type CommandDef, type Inline, type TopCommand } from './types.js';
import { usageLine, type Dialect } from './usage.js';

function entries(commands: readonly TopCommand[]): { path: string[]; command: CommandDef }[] {
  return commands.flatMap((c) =>
    isGroup(c) ? c.subcommands.map((s) => ({ path: [c.name, s.name], command: s })) : [{ path: [c.name], command: c }],
  );
}

/** `/help`: every command, its options and what it does, spelled for the asking platform. */
export function createHelpCommand(commands: () => readonly TopCommand[]): CommandDef {
  return defineCommand({
    name: 'help',
    description: 'What each floodwatch command does',
    options: [] as const,
    async run(_ctx, { workspace }) {
      const dialect = (['discord', 'slack'].includes(workspace.platform) ? workspace.platform : 'console') as Dialect;
      const items = entries(commands())
        .filter((e) => e.command.name !== 'help')
        .map((e): Inline[] => [{ code: usageLine(e.path, e.command, dialect) }, ` ${e.command.description}`]);
      return {
        ephemeral: true,
        title: 'floodwatch',
        blocks: [
          { type: 'text', text: ['Alerts and answers about open-weight model releases on the Hugging Face Hub.'] },
          { type: 'list', items },
          {
            type: 'note',
            text: [
              dialect === 'slack'
                ? 'Options go as name:value (quote values with spaces); a required one may come first without ' +
                  'its name. Add share:true to post an answer in the channel.'
                : 'Commands marked (admins) need the Manage Server permission. ' +
                  'Add share:true to post an answer in the channel.',
            ],
          },
        ],
      };
    },
  });
}
