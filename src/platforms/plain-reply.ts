import type { CommandRef, Inline, Reply, ReplyBlock } from '../../commands/types.js';
import { barLine } from '../format/text-bar.js';

/** How a platform writes a command a reply names: `/alerts list`, `/floodwatch alerts list`, `floodwatch run …`. */
export type SpellCommand = (ref: CommandRef) => string;

export function plainInline(parts: readonly Inline[], spell: SpellCommand): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if ('url' in part) return part.text;
      if ('bold' in part) return part.bold;
      if ('command' in part) return spell(part);
      return part.code;
    })
    .join('');
}

function blockLines(block: ReplyBlock, spell: SpellCommand): string[] {
  switch (block.type) {
    case 'text':
    case 'note':
      return [plainInline(block.text, spell)];
    case 'list':
      return block.items.map((item) => `- ${plainInline(item, spell)}`);
    case 'fields':
      return block.fields.map((f) => `${f.name}: ${plainInline(f.value, spell) || '-'}`);
    case 'bars':
      return block.rows.map((r) => barLine(r, r.label).replace(/`/g, ''));
  }
}

/** A reply as plain text: the same for every platform but for how commands are spelled. */
export function plainReply(reply: Reply, spell: SpellCommand): string {
  return [...(reply.title ? [reply.title] : []), ...reply.blocks.flatMap((b) => blockLines(b, spell))].join('\n');
}
