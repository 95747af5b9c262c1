import { replyTo } from '../../commands/reply-to.js';
import type { CommandContext, Reply } from '../../commands/types.js';
import type { CommandRequest } from './platform.js';

/** How a platform names its workspaces and destinations outside itself (`discord:<guild>:<channel>`). */
export interface PlatformIds {
  platform: string;
  workspace(workspaceId: string): string;
  destination(workspaceId: string, channelId: string): string;
}

/** Runs a request in the platform's own ids as the shared command it names: the neutral reply. */
export function replyToRequest(ctx: CommandContext, request: CommandRequest, ids: PlatformIds): Promise<Reply> {
  return replyTo(ctx, {
    workspace: { id: ids.workspace(request.workspaceId), platform: ids.platform },
    channel: { id: request.channelId, destination: ids.destination(request.workspaceId, request.channelId) },
    user: { id: request.userId, isAdmin: request.isAdmin },
    path: request.path,
    args: request.args,
  });
}
