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

/**
 * Discord fills in `type: 'rich'` on embeds it stores, and turns an image's `attachment://name` into
 * the URL of the message's attachment of that name (one that is not attached stays as sent).
 */
function normalizeEmbeds(embeds: unknown, attachments: Json[]): Json[] {
  if (!Array.isArray(embeds)) return [];
  return embeds.map((embed: Json) => {
    const wanted =
      typeof embed.image?.url === 'string' ? /^attachment:\/\/(.+)$/.exec(embed.image.url)?.[1] : undefined;
    const attached = wanted === undefined ? undefined : attachments.find((a) => a.filename === wanted);
    const image = attached
      ? { ...embed.image, url: attached.url, proxy_url: attached.proxy_url, content_type: attached.content_type }
      : embed.image;
    return { type: 'rich', ...embed, ...(image ? { image } : {}) };
  });
}

/** The `files[n]` parts as a message's attachments, named by the body's `attachments` entries when given. */
function attachmentsFor(channelId: string, files: RecordedFile[], described: unknown = []): Json[] {
  const entries = Array.isArray(described) ? (described as Json[]) : [];
  return files.map((file, index) => {
    const id = nextSnowflake();
    const entry = entries.find((a) => String(a.id) === String(index)) ?? {};
    const name = typeof entry.filename === 'string' ? entry.filename : file.name;
    const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${name}`;
    return {
      id,
      filename: name,
      size: file.size,
      content_type: file.contentType,
      url,
      proxy_url: url,
      ...(typeof entry.description === 'string' ? { description: entry.description } : {}),
    };
  });
}

/** A message object shaped like Discord's answer to a create, enough for discord.js to build a `Message`. */
export function buildMessage(input: MessageInput): Json {
  const { body } = input;
  const attachments = attachmentsFor(input.channelId, input.files ?? [], body.attachments);
  const message: Json = {
    id: nextSnowflake(),
    type: input.type ?? 0,
    channel_id: input.channelId,
    content: typeof body.content === 'string' ? body.content : '',
    tts: Boolean(body.tts),
    embeds: normalizeEmbeds(body.embeds, attachments),
    attachments,
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

/**
 * Applies a PATCH body to a stored message: only the fields sent change. New files are added; an
 * `attachments` list keeps only the existing attachments it names by id.
 */
export function patchMessage(message: Json, patch: Json, files: RecordedFile[] = []): Json {
  const next: Json = { ...message, edited_timestamp: new Date().toISOString() };
  if ('attachments' in patch || files.length > 0) {
    const kept = Array.isArray(patch.attachments)
      ? (message.attachments as Json[]).filter((a) => patch.attachments.some((k: Json) => String(k.id) === a.id))
      : message.attachments;
    next.attachments = [...kept, ...attachmentsFor(message.channel_id, files, patch.attachments)];
  }
  if ('content' in patch) next.content = patch.content ?? '';
  if ('embeds' in patch) next.embeds = normalizeEmbeds(patch.embeds, next.attachments);
  if ('components' in patch) next.components = patch.components ?? [];
  // Ephemeral is fixed at creation; an edit may only change the other bits.
  if ('flags' in patch && typeof patch.flags === 'number') {
    next.flags = (patch.flags & ~EPHEMERAL) | (message.flags & EPHEMERAL);
  }
  return next;
}
