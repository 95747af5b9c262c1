import { createFormErrors, invalidFormBody } from './form-errors.js';
import { send, sendDiscordError, type RequestContext } from './http-io.js';
import { checkMessageLimits, isEmptyMessage } from './message-limits.js';
import { buildMessage } from './message-object.js';
import { takeBucketSlot } from './rate-limits.js';
import type { Route, RouteParams } from './rest-route.js';
import type { FakeState } from './state.js';
import type { Json, PostedMessage } from './types.js';

/** Discord remembers an enforced nonce for "a few minutes". */
const NONCE_WINDOW_MS = 5 * 60 * 1000;

function getChannel(ctx: RequestContext, params: RouteParams, state: FakeState): void {
  const entry = state.channels.get(params.channel ?? '');
  const fault = state.faults.get(params.channel ?? '');
  if (!entry) return sendDiscordError(ctx, 10003);
  // Without View Channel the bot cannot even read the channel; a missing Send Messages does not show here.
  if (fault && fault.code !== 50013) return sendDiscordError(ctx, fault.code, fault.status);
  const { channel, guildId } = entry;
  send(ctx, 200, {
    id: channel.id,
    type: channel.type ?? 0,
    guild_id: guildId,
    name: channel.name,
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: state.messages.filter((m) => m.channel_id === channel.id).at(-1)?.id ?? null,
    rate_limit_per_user: 0,
    flags: 0,
  });
}

function dedupeKey(channelId: string, body: Json): string | null {
  if (body.enforce_nonce !== true || body.nonce === undefined || body.nonce === null) return null;
  return `${channelId}:${body.nonce}`;
}

function createMessage(ctx: RequestContext, params: RouteParams, state: FakeState): void {
  const channelId = params.channel ?? '';
  const entry = state.channels.get(channelId);
  if (!entry) return sendDiscordError(ctx, 10003);
  const slot = takeBucketSlot(state.limiter, `messages:${channelId}`, ctx.method, `/channels/${channelId}/messages`);
  // Discord puts the bucket headers on every answer of the route, errors included.
  for (const [name, value] of Object.entries(slot.headers)) ctx.res.setHeader(name, value);
  if (slot.tooMany) return send(ctx, 429, slot.tooMany);
  const fault = state.faults.get(channelId);
  if (fault) return sendDiscordError(ctx, fault.code, fault.status);
  const body: Json = ctx.body ?? {};
  const errors = createFormErrors();
  checkMessageLimits(body, errors);
  if (errors.count > 0) return send(ctx, 400, invalidFormBody(errors));
  if (isEmptyMessage(body, ctx.files.length)) return sendDiscordError(ctx, 50006);
  const key = dedupeKey(channelId, body);
  const seen = key ? state.nonces.get(key) : undefined;
  // A repeat of an enforced nonce gets the first message back and posts nothing.
  if (seen && Date.now() - seen.at < NONCE_WINDOW_MS) return send(ctx, 200, seen.response);
  const message = buildMessage({ channelId, guildId: entry.guildId, body, author: state.botUser, files: ctx.files });
  const posted: PostedMessage = {
    ...(message as PostedMessage),
    allowed_mentions: body.allowed_mentions,
    allowedMentionsSent: 'allowed_mentions' in body,
  };
  state.messages.push(posted);
  if (key) state.nonces.set(key, { response: message, at: Date.now() });
  send(ctx, 200, message);
}

export const channelRoutes: Route[] = [
  { method: 'GET', pattern: '/channels/:channel', auth: true, handle: getChannel },
  { method: 'POST', pattern: '/channels/:channel/messages', auth: true, handle: createMessage },
];
