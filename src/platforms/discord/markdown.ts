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

/** Cuts text to `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Joins lines up to `max` characters, then says how many were left out. */
export function joinLines(lines: readonly string[], max: number): string {
  const out: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const more = `… and ${lines.length - i} more`;
    if (length + line.length + 1 > max - more.length - 1) {
      out.push(more);
      break;
    }
    out.push(line);
    length += line.length + 1;
  }
  return clip(out.join('\n'), max);
}
