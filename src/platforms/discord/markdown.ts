import { escapeMarkdown } from 'discord.js';
import type { Inline } from '../../../commands/types.js';

/** Text from the Hub or from users, made inert: no formatting, no links, no mention syntax. */
export function plain(text: string): string {
  return escapeMarkdown(text).replace(/@/g, '@\u200b');
}

export function inline(parts: readonly Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return plain(part);
      if ('url' in part) return `[${plain(part.text)}](${part.url})`;
      if ('bold' in part) return `**${plain(part.bold)}**`;
      return `\`${part.code.replace(/`/g, "'")}\``;
    })
    .join('');
}

export { clip, joinLines } from '../../format/text-limits.js';
