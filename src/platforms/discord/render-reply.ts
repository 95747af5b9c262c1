import type { APIEmbed } from 'discord.js';
import type { Reply, ReplyBlock } from '../../../commands/types.js';
import { clip, inline, joinLines, plain } from './markdown.js';
import { barLine } from '../../format/text-bar.js';
import { CHART_FILE_NAME } from '../../charts/index.js';

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

/** A file to attach, as Discord's REST takes it (`files[n]` parts of a multipart body). */
export interface ReplyFile {
  name: string;
  data: Buffer;
  /** The attachment's alt text. */
  description: string;
}

export interface DiscordReply {
  embeds: APIEmbed[];
  /** The chart, when the reply has one and it could be drawn; the embed shows it. */
  files: ReplyFile[];
}

/** A drawn chart: the PNG and what it shows in words. */
export interface DrawnChart {
  png: Buffer;
  altText: string;
}

/**
 * A reply as one embed within Discord's limits: long lists are cut with a count, never rejected. A drawn
 * chart is attached as chart.png and shown as the embed's image; the text stays for clients without images.
 */
export function renderReply(reply: Reply, chart?: DrawnChart): DiscordReply {
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
        ...(chart ? { image: { url: `attachment://${CHART_FILE_NAME}` } } : {}),
      },
    ],
    files: chart ? [{ name: CHART_FILE_NAME, data: chart.png, description: chart.altText }] : [],
  };
}
