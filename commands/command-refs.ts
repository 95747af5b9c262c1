import { isGroup, type Inline, type Reply, type ReplyBlock, type TopCommand } from './types.js';

// `/labs add`, `/help`: a slash, a command name and perhaps a subcommand, after a space, a paren or the start.
const MENTION = /(^|[\s(])\/([a-z]+)(?: ([a-z]+))?/g;

/**
 * Finds the commands a text names (`/alerts subscribe`) and turns them into references, so each platform
 * spells them its own way (`/floodwatch alerts subscribe` on Slack). Only names in the registry count.
 */
export function linkCommands(text: string, commands: readonly TopCommand[]): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    const [, lead = '', name = '', sub] = match;
    const top = commands.find((c) => c.name === name);
    if (top === undefined) continue;
    const subcommand =
      sub !== undefined && isGroup(top) && top.subcommands.some((s) => s.name === sub) ? sub : undefined;
    const start = match.index + lead.length;
    if (start > last) out.push(text.slice(last, start));
    out.push({ command: subcommand ? [name, subcommand] : [name] });
    last = start + 1 + name.length + (subcommand ? subcommand.length + 1 : 0);
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function linkInlines(parts: readonly Inline[], commands: readonly TopCommand[]): Inline[] {
  return parts.flatMap((part) => (typeof part === 'string' ? linkCommands(part, commands) : [part]));
}

function linkBlock(block: ReplyBlock, commands: readonly TopCommand[]): ReplyBlock {
  switch (block.type) {
    case 'text':
    case 'note':
      return { ...block, text: linkInlines(block.text, commands) };
    case 'list':
      return { ...block, items: block.items.map((item) => linkInlines(item, commands)) };
    case 'fields':
      return { ...block, fields: block.fields.map((f) => ({ ...f, value: linkInlines(f.value, commands) })) };
    default:
      return block;
  }
}

/** A reply whose plain text names commands as references. */
export function linkReply(reply: Reply, commands: readonly TopCommand[]): Reply {
  return { ...reply, blocks: reply.blocks.map((block) => linkBlock(block, commands)) };
}
