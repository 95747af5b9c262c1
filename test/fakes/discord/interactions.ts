import { EPHEMERAL, LOADING, buildMessage } from './message-object.js';
import { createSignal, withTimeout, type Signal } from './signal.js';
import { nextSnowflake } from './snowflake.js';
import type { FakeState } from './state.js';
import type { InteractionCallback, InteractionExchange, Json, RecordedFile, VisibleReply } from './types.js';

export const CALLBACK = { reply: 4, defer: 5, autocomplete: 8, modal: 9 } as const;
const CHAT_INPUT_COMMAND_REPLY = 20;

/** One interaction the fake sent, and everything the client answered to it. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: 2 | 4;
  guildId: string;
  channelId: string;
  createdAt: number;
  callback: Signal<InteractionCallback>;
  /** Settles with the body that made the reply visible: type 4 data, first edit or follow-up after a defer. */
  visible: Signal<VisibleReply>;
  /** The @original message once a type 4 or 5 callback created it. */
  original?: Json;
  followUps: Json[];
}

export function createInteractionRecord(input: { type: 2 | 4; guildId: string; channelId: string }): InteractionRecord {
  return {
    id: nextSnowflake(),
    token: `aW50ZXJhY3Rpb246${nextSnowflake()}${Math.random().toString(36).slice(2)}`,
    type: input.type,
    guildId: input.guildId,
    channelId: input.channelId,
    createdAt: Date.now(),
    callback: createSignal(),
    visible: createSignal(),
    followUps: [],
  };
}

export function isLoading(record: InteractionRecord): boolean {
  return Boolean(record.original && record.original.flags & LOADING);
}

/** A message sent as the application's webhook in the interaction's channel. */
export function interactionMessage(
  state: FakeState,
  record: InteractionRecord,
  body: Json,
  files: RecordedFile[] = [],
): Json {
  return buildMessage({
    channelId: record.channelId,
    guildId: record.guildId,
    body,
    files,
    author: state.botUser,
    webhookId: state.applicationId,
    applicationId: state.applicationId,
    type: CHAT_INPUT_COMMAND_REPLY,
  });
}

/** Records the first callback; a reply or defer creates @original (a loading message for a defer). */
export function acknowledge(
  state: FakeState,
  record: InteractionRecord,
  callback: InteractionCallback,
  files: RecordedFile[] = [],
): void {
  record.callback.resolve(callback);
  const data: Json = callback.data ?? {};
  if (callback.type === CALLBACK.reply) {
    record.original = interactionMessage(state, record, data, files);
    record.visible.resolve({ ...data, files });
  }
  if (callback.type === CALLBACK.defer) {
    const flags = ((data.flags ?? 0) & EPHEMERAL) | LOADING;
    record.original = interactionMessage(state, record, { flags });
  }
}

function describe(record: InteractionRecord): string {
  const callback = record.callback.settled ? 'got a callback' : 'got no callback';
  return `interaction ${record.id} (type ${record.type}) ${callback}`;
}

export function exchangeFor(record: InteractionRecord): InteractionExchange {
  function callback(timeoutMs = 5000): Promise<InteractionCallback> {
    return withTimeout(record.callback.promise, timeoutMs, () => `${describe(record)}; no callback arrived`);
  }
  return {
    id: record.id,
    token: record.token,
    callback,
    async reply(timeoutMs = 5000) {
      const started = Date.now();
      const first = await callback(timeoutMs);
      if (first.type !== CALLBACK.reply && first.type !== CALLBACK.defer) {
        throw new Error(`interaction ${record.id} got callback type ${first.type}, which has no reply`);
      }
      const left = Math.max(timeoutMs - (Date.now() - started), 1);
      const never = () => `${describe(record)} (a defer) but @original was never edited`;
      return withTimeout(record.visible.promise, left, never);
    },
    followUps() {
      return [...record.followUps];
    },
  };
}
