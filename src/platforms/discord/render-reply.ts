import type { APIEmbed } from 'discord.js';
import type { Reply, ReplyBlock } from '../../../commands/types.js';
import { clip, inline, joinLines, plain } from './markdown.js';
import { barLine } from '../../format/text-bar.js';

const COLOR = 0x2f6fde;
function blockLines(block: ReplyBlock): string[] {
  switch (block.type) {
    case 'text':
      return [inline(block.text)];
    case 'note':
      return inline(block.text)
        .split('\n')
        .map((line) => `-# ${line}`);
    case 'list':
      return block.items.map((item) => `• ${inline(item)}`);
    case 'bars':
      return block.rows.map((r) => barLine(r, plain(r.label)));
    case 'fields':
      return [];
  }
}

export interface DiscordReply {
  embeds: APIEmbed[];
}

/** A reply as one embed within Discord's limits: long lists are cut with a count, never rejected. */
export function renderReply(reply: Reply): DiscordReply {
  const fields = reply.blocks
    .flatMap((b) => (b.type === 'fields' ? b.fields : []))
    .slice(0, 25)
    .map((f) => ({ name: clip(f.name, 256), value: clip(inline(f.value) || '—', 1024), inline: true }));
  const fieldChars = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const title = reply.title ? clip(reply.title, 256) : undefined;
  const budget = Math.min(4096, 5900 - fieldChars - (title?.length ?? 0));
  const description = joinLines(reply.blocks.flatMap(blockLines), budget);
  return {
    embeds: [
      {
        color: COLOR,
        ...(title ? { title } : {}),
        ...(reply.url ? { url: reply.url } : {}),
        ...(description ? { description } : {}),
        ...(fields.length ? { fields } : {}),
      },
    ],
  };
}
