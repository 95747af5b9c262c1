/** Shapes shared by the fake Slack Web API, its state and its recordings. */

export interface FakeUser {
  id: string;
  name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  is_private?: boolean;
  is_archived?: boolean;
  /** Whether the bot is a member. */
  member?: boolean;
}

export interface FakeSlackOptions {
  botToken?: string;
  teamId?: string;
  /** Workspace subdomain, used for auth.test's `url` and `team`. */
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  users?: FakeUser[];
  channels?: FakeChannel[];
  /** Scopes granted to the bot; `chat:write.public` decides posting to public channels without joining. */
  scopes?: string[];
}

/** Arguments of one Web API call after form/JSON parsing, JSON fields decoded. */
export type ApiArgs = Record<string, unknown>;

/** A Web API result body; `ok` is always present. */
export interface ApiResult {
  ok: boolean;
  error?: string;
  [key: string]: unknown;
}

export interface RecordedCall {
  method: string;
  args: ApiArgs;
  token: string | undefined;
  status: number;
  response: ApiResult;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  attachments: unknown[] | undefined;
  thread_ts: string | undefined;
  unfurl_links: boolean | undefined;
  unfurl_media: boolean | undefined;
  args: ApiArgs;
}

export interface CompletedUpload {
  file_id: string;
  filename: string;
  title: string | undefined;
  alt_text: string | undefined;
  /** The length declared to files.getUploadURLExternal. */
  length: number;
  bytes: Buffer;
  channel_id: string | undefined;
  thread_ts: string | undefined;
  initial_comment: string | undefined;
}

export interface FakeSlack {
  /** e.g. 'http://127.0.0.1:PORT/api/' (trailing slash), for WebClient's `slackApiUrl`. */
  apiUrl: string;
  /** A URL on the same server that records what respond() POSTs to it. */
  responseUrl(id?: string): string;
  /** JSON bodies POSTed to a response URL, oldest first. */
  responses(id?: string): unknown[];
  /** Resolves once `count` bodies have arrived at a response URL (respond() runs after ack, so tests wait). */
  waitForResponses(id?: string, count?: number, timeoutMs?: number): Promise<unknown[]>;
  calls: RecordedCall[];
  messages(channel?: string): PostedMessage[];
  uploads: CompletedUpload[];
  setChannel(channel: FakeChannel): void;
  setUser(user: FakeUser): void;
  rateLimitNext(method: string, opts: { retryAfterSeconds: number; times?: number }): void;
  failNext(method: string, error: string, times?: number): void;
  close(): Promise<void>;
}
