import type { CompletedUpload, FakeChannel, FakeSlackOptions, FakeUser, PostedMessage } from './types.js';

/** An upload announced by files.getUploadURLExternal; `bytes` arrive at its upload URL later. */
export interface PendingUpload {
  file_id: string;
  filename: string;
  length: number;
  alt_text: string | undefined;
  bytes: Buffer | undefined;
}

export interface BotIdentity {
  /** The bot token that works now; '' while the app is not installed in the team. */
  token: string;
  teamId: string;
  teamDomain: string;
  userId: string;
  botId: string;
  userName: string;
}

/** A team the app may be installed in: its own bot, people, channels and messages. */

/** Everything the fake workspace knows; method handlers read and change it. */
export interface Workspace {
  bot: BotIdentity;
  teamName: string;
  /** Tokens the team had that were revoked: calls with them answer token_revoked. */
  revokedTokens: Set<string>;
  scopes: Set<string>;
  users: Map<string, FakeUser>;
  channels: Map<string, FakeChannel>;
  messages: PostedMessage[];
  uploads: CompletedUpload[];
  pendingUploads: Map<string, PendingUpload>;
  /** Base URL of the fake's HTTP server, without a trailing slash. */
  baseUrl: string;
  nextTs(): string;
  nextId(prefix: string): string;
}

export const DEFAULT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'files:write',
  'users:read',
  'channels:join',
  'channels:read',
];

// Fixed epoch so message timestamps are predictable in assertions.
const TS_EPOCH_SECONDS = 1_700_000_000;
const TS_STEP_MICROS = 100;

export function createWorkspace(options: FakeSlackOptions, baseUrl: string): Workspace {
  let tsCounter = 0;
  let idCounter = 0;
  const bot: BotIdentity = {
    token: options.installed === false ? '' : (options.botToken ?? 'xoxb-fake-bot-token'),
    teamId: options.teamId ?? 'T0FAKETEAM',
    teamDomain: options.teamDomain ?? 'floodwatch-test',
    userId: options.botUserId ?? 'U0FAKEBOT',
    botId: options.botId ?? 'B0FAKEBOT',
    userName: 'floodwatch',
  };
  return {
    bot,
    teamName: options.teamName ?? 'Floodwatch Test',
    revokedTokens: new Set(),
    scopes: new Set(options.scopes ?? DEFAULT_SCOPES),
    users: new Map((options.users ?? []).map((u) => [u.id, { ...u }])),
    channels: new Map((options.channels ?? []).map((c) => [c.id, { ...c }])),
    messages: [],
    uploads: [],
    pendingUploads: new Map(),
    baseUrl,
    nextTs() {
      tsCounter += 1;
      const micros = tsCounter * TS_STEP_MICROS;
      const seconds = TS_EPOCH_SECONDS + Math.floor(micros / 1_000_000);
      return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
    },
    nextId(prefix) {
      idCounter += 1;
      return `${prefix}0FAKE${String(idCounter).padStart(4, '0')}`;
    },
  };
}

/** Finds a channel by id, by name, or by '#name', as chat.postMessage accepts all three. */
export function findChannel(ws: Workspace, ref: unknown): FakeChannel | undefined {
  if (typeof ref !== 'string' || ref === '') return undefined;
  const byId = ws.channels.get(ref);
  if (byId) return byId;
  const name = ref.startsWith('#') ? ref.slice(1) : ref;
  return [...ws.channels.values()].find((c) => c.name === name);
}

/** The conversation object Slack returns from conversations.* methods. */
export function channelView(ws: Workspace, channel: FakeChannel): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.is_private,
    is_group: false,
    is_im: false,
    is_private: Boolean(channel.is_private),
    is_archived: Boolean(channel.is_archived),
    is_member: Boolean(channel.member),
    context_team_id: ws.bot.teamId,
  };
}
