import { defineCommand, type CommandDef, type Inline, type TopCommand } from './types.js';
import { commandEntries, usageRef } from './usage.js';

/** `/help`: every command, its options and what it does; each platform spells the commands its own way. */
export function createHelpCommand(commands: () => readonly TopCommand[]): CommandDef {
  return defineCommand({
    name: 'help',
    description: 'What each floodwatch command does',
    options: [] as const,
    async run() {
      const items = commandEntries(commands())
        .filter((e) => e.command.name !== 'help')
        .map((e): Inline[] => [usageRef(e.path, e.command), ` ${e.command.description}`]);
      return {
        ephemeral: true,
        title: 'floodwatch',
        blocks: [
          { type: 'text', text: ['Alerts and answers about open-weight model releases on the Hugging Face Hub.'] },
          { type: 'list', items },
          {
            type: 'note',
            text: [
              'Options go as name:value. Commands marked (admins) are for workspace admins: Manage Server on ' +
                'Discord, admins and owners on Slack. Add share:true to post an answer in the channel.',
            ],
          },
        ],
      };
    },
  });
}
