import { nextSnowflake } from './snowflake.js';
import type { Json, RecordedFile } from './types.js';

export const EPHEMERAL = 1 << 6;
export const LOADING = 1 << 7;

export interface MessageInput {
  channelId: string;
  guildId?: string;
  body: Json;
  author: Json;
  files?: RecordedFile[];
  /** Interaction replies and follow-ups come from the application's webhook. */
  webhookId?: string;
  applicationId?: string;
  /** 0 default, 20 chat input command reply. */
  type?: number;
}

/** Discord fills in `type: 'rich'` on embeds it stores. */
function normalizeEmbeds(embeds: unknown): Json[] {
  if (!Array.isArray(embeds)) return [];
  return embeds.map((embed: Json) => ({ type: 'rich', ...embed }));
}

function attachmentsFor(channelId: string, files: RecordedFile[]): Json[] {
  return files.map((file) => {
    const id = nextSnowflake();
    const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${file.name}`;
    return { id, filename: file.name, size: file.size, content_type: file.contentType, url, proxy_url: url };
  });
}

/** A message object shaped like Discord's answer to a create, enough for discord.js to build a `Message`. */
export function buildMessage(input: MessageInput): Json {
  const { body } = input;
  const message: Json = {
    id: nextSnowflake(),
    type: input.type ?? 0,
    channel_id: input.channelId,
    content: typeof body.content === 'string' ? body.content : '',
    tts: Boolean(body.tts),
    embeds: normalizeEmbeds(body.embeds),
    attachments: attachmentsFor(input.channelId, input.files ?? []),
    components: Array.isArray(body.components) ? body.components : [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    author: input.author,
  };
  if (input.guildId) message.guild_id = input.guildId;
  if (body.nonce !== undefined) message.nonce = body.nonce;
  if (input.webhookId) message.webhook_id = input.webhookId;
  if (input.applicationId) message.application_id = input.applicationId;
  return message;
}

/** Applies a PATCH body to a stored message: only the fields sent change. */
export function patchMessage(message: Json, patch: Json): Json {
  const next: Json = { ...message, edited_timestamp: new Date().toISOString() };
  if ('content' in patch) next.content = patch.content ?? '';
  if ('embeds' in patch) next.embeds = normalizeEmbeds(patch.embeds);
  if ('components' in patch) next.components = patch.components ?? [];
  // Ephemeral is fixed at creation; an edit may only change the other bits.
  if ('flags' in patch && typeof patch.flags === 'number') {
    next.flags = (patch.flags & ~EPHEMERAL) | (message.flags & EPHEMERAL);
  }
  return next;
}
