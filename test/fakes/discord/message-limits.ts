import { addFormError, addTooLong, type FormErrors } from './form-errors.js';
import type { Json } from './types.js';

export const MESSAGE_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  nonce: 25,
  mentionIds: 100,
};

const MENTION_TYPES = new Set(['roles', 'users', 'everyone']);

/** Discord's API counts code points, not UTF-16 units: an emoji is one character. */
function charCount(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

function maxLength(errors: FormErrors, path: (string | number)[], value: unknown, limit: number): void {
  if (charCount(value) > limit) addTooLong(errors, path, limit);
}

function required(errors: FormErrors, path: (string | number)[], value: unknown): void {
  if (charCount(value) === 0) addFormError(errors, path, 'BASE_TYPE_REQUIRED', 'This field is required');
}

/** Characters that count toward the 6000 limit shared by all embeds of a message. */
function embedSize(embed: Json): number {
  const fields: Json[] = Array.isArray(embed.fields) ? embed.fields : [];
  return (
    charCount(embed.title) +
    charCount(embed.description) +
    charCount(embed.footer?.text) +
    charCount(embed.author?.name) +
    fields.reduce((sum, field) => sum + charCount(field?.name) + charCount(field?.value), 0)
  );
}

function checkEmbed(embed: Json, errors: FormErrors, path: (string | number)[]): void {
  maxLength(errors, [...path, 'title'], embed.title, MESSAGE_LIMITS.title);
  maxLength(errors, [...path, 'description'], embed.description, MESSAGE_LIMITS.description);
  maxLength(errors, [...path, 'footer', 'text'], embed.footer?.text, MESSAGE_LIMITS.footerText);
  maxLength(errors, [...path, 'author', 'name'], embed.author?.name, MESSAGE_LIMITS.authorName);
  if (!Array.isArray(embed.fields)) return;
  if (embed.fields.length > MESSAGE_LIMITS.fields) addTooLong(errors, [...path, 'fields'], MESSAGE_LIMITS.fields);
  embed.fields.forEach((field: Json, index: number) => {
    required(errors, [...path, 'fields', index, 'name'], field?.name);
    required(errors, [...path, 'fields', index, 'value'], field?.value);
    maxLength(errors, [...path, 'fields', index, 'name'], field?.name, MESSAGE_LIMITS.fieldName);
    maxLength(errors, [...path, 'fields', index, 'value'], field?.value, MESSAGE_LIMITS.fieldValue);
  });
}

function checkAllowedMentions(mentions: unknown, errors: FormErrors, path: (string | number)[]): void {
  if (mentions === undefined || mentions === null) return;
  if (typeof mentions !== 'object') {
    addFormError(errors, path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const { parse, users, roles } = mentions as Json;
  if (parse !== undefined && !(Array.isArray(parse) && parse.every((p) => MENTION_TYPES.has(p)))) {
    const message = "Value must be one of ('roles', 'users', 'everyone').";
    addFormError(errors, [...path, 'parse'], 'BASE_TYPE_CHOICES', message);
  }
  for (const [kind, ids] of [
    ['users', users],
    ['roles', roles],
  ] as const) {
    if (!Array.isArray(ids)) continue;
    if (ids.length > MESSAGE_LIMITS.mentionIds) addTooLong(errors, [...path, kind], MESSAGE_LIMITS.mentionIds);
    // Discord refuses a type both parsed wholesale and listed by id.
    if (ids.length > 0 && Array.isArray(parse) && parse.includes(kind)) {
      addFormError(
        errors,
        path,
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      );
    }
  }
}

/** Adds every limit violation of a message body (channel message, reply, webhook edit or follow-up) to `errors`. */
export function checkMessageLimits(body: Json, errors: FormErrors, path: (string | number)[] = []): void {
  maxLength(errors, [...path, 'content'], body.content, MESSAGE_LIMITS.content);
  if (typeof body.nonce === 'string') maxLength(errors, [...path, 'nonce'], body.nonce, MESSAGE_LIMITS.nonce);
  checkAllowedMentions(body.allowed_mentions, errors, [...path, 'allowed_mentions']);
  if (!Array.isArray(body.embeds)) return;
  if (body.embeds.length > MESSAGE_LIMITS.embeds) addTooLong(errors, [...path, 'embeds'], MESSAGE_LIMITS.embeds);
  body.embeds.forEach((embed: Json, index: number) => checkEmbed(embed ?? {}, errors, [...path, 'embeds', index]));
  const total = body.embeds.reduce((sum: number, embed: Json) => sum + embedSize(embed ?? {}), 0);
  if (total > MESSAGE_LIMITS.embedTotal) {
    addFormError(
      errors,
      [...path, 'embeds'],
      'MAX_EMBED_SIZE_EXCEEDED',
      `Embed size exceeds maximum size of ${MESSAGE_LIMITS.embedTotal}`,
    );
  }
}

/** Discord answers 50006 to a message with nothing to show. */
export function isEmptyMessage(body: Json, fileCount: number): boolean {
  const has = (value: unknown) => Array.isArray(value) && value.length > 0;
  return (
    charCount(body.content) === 0 &&
    !has(body.embeds) &&
    !has(body.components) &&
    !has(body.sticker_ids) &&
    !body.poll &&
    fileCount === 0
  );
}
