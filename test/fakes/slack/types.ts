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

export interface FakeTeamOptions {
  /** The bot token of an app already installed; minted by oauth.v2.access otherwise. */
  botToken?: string;
  /** False: the app is not installed in the team yet (no token works until an OAuth install). */
  installed?: boolean;
  teamId?: string;
  teamName?: string;
  /** Workspace subdomain, used for auth.test's `url` and `team`. */
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  users?: FakeUser[];
  channels?: FakeChannel[];
  /** Scopes granted to the bot; `chat:write.public` decides posting to public channels without joining. */
  scopes?: string[];
}

/** The first team, and the app's OAuth credentials when it is distributed to many. */
export interface FakeSlackOptions extends FakeTeamOptions {
  oauth?: { clientId: string; clientSecret: string; appId?: string };
}

/** One team of the fake, for tests that run several. */
export interface FakeTeam {
  teamId: string;
  /** The bot token that works now ('' while not installed). */
  readonly botToken: string;
  messages(channel?: string): PostedMessage[];
  setChannel(channel: FakeChannel): void;
  setUser(user: FakeUser): void;
}

/** The app's answer to one Events API request the fake sent. */
export interface EventDelivery {
  type: string;
  teamId: string;
  status: number;
  body: string;
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
  /** The team whose token it was (valid or revoked). */
  teamId: string | undefined;
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
  /** Adds a team (not installed unless `botToken` is given). */
  addTeam(options: FakeTeamOptions & { teamId: string }): FakeTeam;
  team(teamId: string): FakeTeam;
  /** Where the fake delivers signed Events API requests, and the signing secret it signs them with. */
  setEventsUrl(url: string, signingSecret: string): void;
  /**
   * A user approves the install on Slack's authorize page: checks the URL the app sent them to and
   * returns where Slack redirects the browser (`redirect_uri?code=…&state=…`, or `error=access_denied`).
   */
  approveInstall(authorizeUrl: string, options: { teamId: string; userId: string; deny?: boolean }): string;
  /** The team removes the app: its bot token is revoked, then app_uninstalled and tokens_revoked are delivered. */
  uninstall(teamId: string): Promise<EventDelivery[]>;
  /** Delivers one signed event_callback from the team (a wrong `signingSecret` forges it). */
  deliverEvent(
    teamId: string,
    event: Record<string, unknown>,
    options?: { signingSecret?: string },
  ): Promise<EventDelivery>;
  /** Every event the fake sent on its own (tokens_revoked after auth.revoke), once the app answered. */
  eventsSettled(): Promise<EventDelivery[]>;
  rateLimitNext(method: string, opts: { retryAfterSeconds: number; times?: number }): void;
  failNext(method: string, error: string, times?: number): void;
  close(): Promise<void>;
}
