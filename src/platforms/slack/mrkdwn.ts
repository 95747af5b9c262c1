import type { types } from '@slack/bolt';
import type { CommandRef, Inline } from '../../../commands/types.js';
import { clip } from '../../format/text-limits.js';

/**
 * Text from the Hub or from users made inert in mrkdwn: `<!here>`, `<@U…>` and `<url|…>` need `<`,
 * so with `&`, `<` and `>` escaped (Slack's only escapes) nothing can mention anyone or forge a link.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function linkTarget(url: string): string {
  return escapeText(url).replace(/\|/g, '%7C');
}

export function link(url: string, text: string): string {
  return `<${linkTarget(url)}|${escapeText(text)}>`;
}

/** Slack has one slash command with the rest as its text: `/floodwatch alerts list`. */
export function spellCommand(ref: CommandRef): string {
  return ['/floodwatch', ...ref.command, ...(ref.args ? [ref.args] : [])].join(' ');
}

function code(text: string): string {
  return `\`${escapeText(text.replace(/`/g, "'"))}\``;
}

export function inline(parts: readonly Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return escapeText(part);
      if ('url' in part) return link(part.url, part.text);
      if ('bold' in part) return part.bold.trim() ? `*${escapeText(part.bold)}*` : escapeText(part.bold);
      if ('command' in part) return code(spellCommand(part));
      return code(part.code);
    })
    .join('');
}

/** A mrkdwn text object that Slack shows as written: `verbatim` stops it from turning words into mentions or links. */
export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

export function plainText(text: string): types.PlainTextElement {
  return { type: 'plain_text', text, emoji: true };
}

/** Groups lines into chunks of at most `max` characters each, so a long list spans several sections. */
export function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clip(raw, max);
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}
