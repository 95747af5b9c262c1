import { MAX_TEXT_LENGTH, validateBlocks } from './limits.js';
import { fail } from './method-handler.js';
import { asBoolean, stringOrUndefined } from './request-body.js';
import type { ApiArgs, ApiResult } from './types.js';
import { findChannel, type Workspace } from './workspace.js';

export function chatPostMessage(ws: Workspace, args: ApiArgs): ApiResult {
  const channel = findChannel(ws, args.channel);
  if (!channel) return fail('channel_not_found');
  if (channel.is_archived) return fail('is_archived');
  if (channel.is_private && !channel.member) return fail('not_in_channel');
  if (!channel.member && !ws.scopes.has('chat:write.public')) return fail('not_in_channel');

  const text = stringOrUndefined(args.text);
  const blocks = args.blocks;
  const attachments = args.attachments;
  const hasBlocks = Array.isArray(blocks) ? blocks.length > 0 : blocks !== undefined && blocks !== '';
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (!text && !hasBlocks && !hasAttachments) return fail('no_text');
  if (text !== undefined && text.length > MAX_TEXT_LENGTH) return fail('msg_too_long');

  if (hasBlocks) {
    if (!Array.isArray(blocks)) return fail('invalid_blocks_format');
    const problems = validateBlocks(blocks);
    if (problems.length > 0) {
      return fail('invalid_blocks', {
        errors: problems,
        response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) },
      });
    }
  }

  const ts = ws.nextTs();
  const threadTs = stringOrUndefined(args.thread_ts);
  ws.messages.push({
    channel: channel.id,
    ts,
    text,
    blocks: Array.isArray(blocks) ? blocks : undefined,
    attachments: Array.isArray(attachments) ? attachments : undefined,
    thread_ts: threadTs,
    unfurl_links: asBoolean(args.unfurl_links),
    unfurl_media: asBoolean(args.unfurl_media),
    args,
  });
  return {
    ok: true,
    channel: channel.id,
    ts,
    message: {
      type: 'message',
      subtype: 'bot_message',
      text: text ?? '',
      user: ws.bot.userId,
      bot_id: ws.bot.botId,
      team: ws.bot.teamId,
      ts,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...(Array.isArray(blocks) ? { blocks } : {}),
      ...(Array.isArray(attachments) ? { attachments } : {}),
    },
  };
}
