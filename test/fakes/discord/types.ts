/** A JSON object as Discord sends or receives it. */
export type Json = Record<string, any>;

export interface FakeChannel {
  id: string;
  name: string;
  /** Discord channel type; 0 (GUILD_TEXT) when left out. */
  type?: number;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  /** Permission bitfield (decimal string) of the bot's role; view, send, embed links and read history by default. */
  botPermissions?: string;
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  guilds?: FakeGuild[];
  /** How long an interaction may go unanswered before its callback gets 10062 (Discord: 3 s). */
  interactionTimeoutMs?: number;
  /** How long the interaction token lasts for webhook edits and follow-ups (Discord: 15 min). */
  interactionTokenLifetimeMs?: number;
  /** Gateway HELLO interval. */
  heartbeatIntervalMs?: number;
  /** Per-channel bucket advertised and enforced on message create (Discord: 5 per 5 s). */
  messageBucket?: { limit: number; windowSeconds: number };
  /**
   * Discord's global limit (50 requests per second per bot token), enforced over any sliding window on
   * requests that carry the bot token; off unless set.
   */
  globalLimit?: { limit: number; windowMs: number };
  /** Every REST answer is sent this long after its request arrived, like a distant Discord (0 by default). */
  latencyMs?: number;
}

export interface RecordedFile {
  field: string;
  name: string;
  size: number;
  contentType: string;
  /** The file's bytes, as uploaded. */
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  /** Route below `/api/v10`, percent-decoded: `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** The request target as it arrived. */
  url: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or the `payload_json` part of a multipart body; undefined when there was none. */
  body: any;
  files: RecordedFile[];
  /** Response status; 0 until the fake has answered. */
  status: number;
}

export interface PostedMessage extends Json {
  id: string;
  channel_id: string;
  content: string;
  embeds: any[];
  timestamp: string;
  author: Json;
  nonce?: string | number;
  /** What the client sent as `allowed_mentions` (undefined when it sent none). */
  allowed_mentions?: Json;
  /** Whether the request carried `allowed_mentions` at all. */
  allowedMentionsSent: boolean;
}

export interface InteractOptions {
  guildId: string;
  channelId: string;
  userId?: string;
  /** Member permission bitfield as a decimal string. */
  permissions?: string;
  name: string;
  /** Passed through as `data.options`; subcommands are nested options of type 1 / 2. */
  options?: unknown[];
  /** Passed through as `data.resolved` for user, role, channel and attachment options. */
  resolved?: unknown;
  /** 2 = application command, 4 = autocomplete. */
  type?: 2 | 4;
  /** Command id; defaults to the id the fake gave a registered command of that name. */
  commandId?: string;
  locale?: string;
}

export interface InteractionCallback {
  type: number;
  data?: any;
}

export interface VisibleReply {
  content?: string;
  embeds?: any[];
  flags?: number;
  allowed_mentions?: any;
  components?: any[];
  /** The files uploaded with the request that made the reply visible (multipart `files[n]` parts). */
  files?: RecordedFile[];
}

export interface InteractionExchange {
  id: string;
  token: string;
  /** The first callback: 4 reply, 5 defer, 8 autocomplete result. */
  callback(timeoutMs?: number): Promise<InteractionCallback>;
  /** The reply users see: the type 4 data, or the first edit of @original (or first follow-up) after a defer. */
  reply(timeoutMs?: number): Promise<VisibleReply>;
  followUps(): any[];
}

export interface RateLimitOptions {
  retryAfterSeconds: number;
  global?: boolean;
  /** How many matching requests get the 429; 1 by default. */
  times?: number;
  /** `X-RateLimit-Scope` for a non-global limit; `user` by default. */
  scope?: 'user' | 'shared';
}

export interface ChannelFault {
  code: 50013 | 50001 | 10003;
  status?: number;
}

export interface FakeDiscord {
  /** `http://127.0.0.1:PORT/api`, for `new Client({ rest: { api } })`. */
  apiUrl: string;
  gatewayUrl: string;
  token: string;
  applicationId: string;
  botUserId: string;
  requests: RecordedRequest[];
  messages(channelId?: string): PostedMessage[];
  /** The last command set put in bulk (or created one by one): global without a guild id. */
  commands(guildId?: string): Json[];
  interact(options: InteractOptions): Promise<InteractionExchange>;
  channelFault(channelId: string, fault: ChannelFault | null): void;
  /** The next `times` requests whose route (as in `RecordedRequest.path`) matches get a 429. */
  rateLimitNext(route: RegExp, options: RateLimitOptions): void;
  /** Until called again with null, every request whose route matches gets this status (500 by default). */
  outage(route: RegExp | null, status?: number): void;
  /** Closes the gateway socket with `code` (4000 by default, which the client answers by resuming). */
  disconnectGateway(code?: number): void;
  /** Gateway opcodes the client sent, in order, for asserting identify / resume / heartbeat. */
  gatewayOps(): number[];
  close(): Promise<void>;
}
