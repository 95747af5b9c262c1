import type { types } from '@slack/bolt';
import type { Reply, ReplyBlock } from '../../../commands/types.js';
import { clip } from '../../format/text-limits.js';
import { chunkLines, escapeText, inline, link, mrkdwn, plainText } from './mrkdwn.js';
import { barLine } from '../../format/text-bar.js';

/** Block Kit and the top-level `text` that notifications and clients without blocks show. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

// Slack's limits: https://docs.slack.dev/reference/block-kit/blocks
export const LIMITS = { blocks: 50, header: 150, sectionText: 3000, fields: 10, fieldText: 2000, text: 3000 } as const;
function sections(lines: readonly string[]): types.SectionBlock[] {
  return chunkLines(lines.filter(Boolean), LIMITS.sectionText).map((text) => ({ type: 'section', text: mrkdwn(text) }));
}

function renderBlock(block: ReplyBlock): types.KnownBlock[] {
  switch (block.type) {
    case 'text':
      return sections([inline(block.text)]);
    case 'list':
      return sections(block.items.map((item) => `• ${inline(item)}`));
    case 'bars':
      return sections(block.rows.map((r) => barLine(r, escapeText(r.label))));
    case 'note': {
      const text = inline(block.text);
      return text ? [{ type: 'context', elements: [mrkdwn(clip(text, LIMITS.sectionText))] }] : [];
    }
    case 'fields': {
      const out: types.SectionBlock[] = [];
      for (let i = 0; i < block.fields.length; i += LIMITS.fields) {
        const fields = block.fields
          .slice(i, i + LIMITS.fields)
          .map((f) => mrkdwn(clip(`*${escapeText(f.name)}*\n${inline(f.value) || '—'}`, LIMITS.fieldText)));
        out.push({ type: 'section', fields });
      }
      return out;
    }
  }
}

/** Keeps a message within 50 blocks, saying how many were cut. */
export function capBlocks(blocks: types.KnownBlock[]): types.KnownBlock[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  const kept = blocks.slice(0, LIMITS.blocks - 1);
  return [...kept, { type: 'context', elements: [mrkdwn(`… ${blocks.length - kept.length} more blocks left out`)] }];
}

/** The plain fallback: what the blocks say, as mrkdwn lines, short enough for a notification. */
function fallbackText(title: string | undefined, blocks: readonly types.KnownBlock[]): string {
  const lines = title ? [escapeText(title)] : [];
  for (const block of blocks) {
    if (block.type === 'section')
      lines.push(
        ...[block.text?.text ?? '', ...(block.fields ?? []).map((f) => f.text.replace('\n', ': '))].filter(Boolean),
      );
    if (block.type === 'context')
      lines.push(...block.elements.flatMap((e) => ('text' in e && typeof e.text === 'string' ? [e.text] : [])));
  }
  return clip(lines.join('\n'), LIMITS.text) || 'floodwatch';
}

/** A command's reply as Block Kit: header for the title, sections for text, lists and bars, context for notes. */
export function renderReply(reply: Reply): SlackMessage {
  const blocks: types.KnownBlock[] = [];
  if (reply.title) blocks.push({ type: 'header', text: plainText(clip(reply.title, LIMITS.header)) });
  if (reply.url)
    blocks.push({ type: 'context', elements: [mrkdwn(link(reply.url, reply.url.replace(/^https?:\/\//, '')))] });
  blocks.push(...reply.blocks.flatMap(renderBlock));
  return { text: fallbackText(reply.title, blocks), blocks: capBlocks(blocks) };
}
