import { escapeMarkdown } from 'discord.js';
import type { CommandRef, Inline } from '../../../commands/types.js';

/** Text from the Hub or from users, made inert: no formatting, no links, no mention syntax. */
export function plain(text: string): string {
  return escapeMarkdown(text).replace(/@/g, '@\u200b');
}

/** Discord has one slash command per top command: `/alerts list`. */
export function spellCommand(ref: CommandRef): string {
  return [`/${ref.command.join(' ')}`, ref.args].filter(Boolean).join(' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export function inline(parts: readonly Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return plain(part);
      if ('url' in part) return `[${plain(part.text)}](${part.url})`;
      if ('bold' in part) return `**${plain(part.bold)}**`;
      if ('command' in part) return code(spellCommand(part));
      return code(part.code);
    })
    .join('');
}

export { clip, joinLines } from '../../format/text-limits.js';
