import { fail } from './method-handler.js';
import type { ApiArgs, ApiResult } from './types.js';
import { channelView, findChannel, type Workspace } from './workspace.js';

export function conversationsInfo(ws: Workspace, args: ApiArgs): ApiResult {
  const channel = findChannel(ws, args.channel);
  // The bot cannot see private channels it is not in.
  if (!channel || (channel.is_private && !channel.member)) return fail('channel_not_found');
  return { ok: true, channel: channelView(ws, channel) };
}

export function conversationsJoin(ws: Workspace, args: ApiArgs): ApiResult {
  const channel = findChannel(ws, args.channel);
  if (!channel) return fail('channel_not_found');
  if (channel.is_private) return fail('method_not_supported_for_channel_type');
  if (channel.is_archived) return fail('is_archived');
  if (channel.member) {
    return {
      ok: true,
      channel: channelView(ws, channel),
      warning: 'already_in_channel',
      response_metadata: { warnings: ['already_in_channel'] },
    };
  }
  channel.member = true;
  return { ok: true, channel: channelView(ws, channel) };
}
