import type { InteractionRecord } from './interactions.js';
import { createRateLimiter, type RateLimiter } from './rate-limits.js';
import type {
  ChannelFault,
  FakeChannel,
  FakeDiscordOptions,
  FakeGuild,
  Json,
  PostedMessage,
  RecordedRequest,
} from './types.js';

export interface ChannelEntry {
  channel: FakeChannel;
  guildId: string;
}

export interface FakeSettings {
  interactionTimeoutMs: number;
  interactionTokenLifetimeMs: number;
  heartbeatIntervalMs: number;
  latencyMs: number;
}

/** Everything the REST routes and the gateway share. */
export interface FakeState {
  token: string;
  applicationId: string;
  /** Set once the server listens. */
  gatewayUrl: string;
  botUser: Json;
  guilds: FakeGuild[];
  channels: Map<string, ChannelEntry>;
  messages: PostedMessage[];
  /** `channelId:nonce` → the answer to the create it made, for `enforce_nonce`. */
  nonces: Map<string, { response: Json; at: number }>;
  /** '' for global commands, else the guild id. */
  commands: Map<string, Json[]>;
  faults: Map<string, ChannelFault>;
  interactions: Map<string, InteractionRecord>;
  limiter: RateLimiter;
  /** When set, arrival times of the bot's requests within the last window. */
  global: { limit: number; windowMs: number; arrivals: number[] } | undefined;
  outage: { route: RegExp; status: number } | undefined;
  requests: RecordedRequest[];
  settings: FakeSettings;
}

export const DEFAULT_GUILDS: FakeGuild[] = [
  { id: '1100000000000000001', name: 'Fake Guild', channels: [{ id: '1100000000000000002', name: 'alerts' }] },
];

export function createState(options: FakeDiscordOptions): FakeState {
  const guilds = options.guilds ?? DEFAULT_GUILDS;
  const channels = new Map<string, ChannelEntry>();
  for (const guild of guilds) {
    for (const channel of guild.channels) channels.set(channel.id, { channel, guildId: guild.id });
  }
  const applicationId = options.applicationId ?? '1000000000000000001';
  return {
    token: options.token ?? 'fake-bot-token',
    applicationId,
    gatewayUrl: '',
    // A bot's user id is its application id.
    botUser: {
      id: applicationId,
      username: 'floodwatch',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
      flags: 0,
      verified: true,
      mfa_enabled: false,
    },
    guilds,
    channels,
    messages: [],
    nonces: new Map(),
    commands: new Map(),
    faults: new Map(),
    interactions: new Map(),
    limiter: createRateLimiter(options.messageBucket ?? { limit: 50, windowSeconds: 1 }),
    global: options.globalLimit ? { ...options.globalLimit, arrivals: [] } : undefined,
    outage: undefined,
    requests: [],
    settings: {
      interactionTimeoutMs: options.interactionTimeoutMs ?? 3000,
      interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60 * 1000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      latencyMs: options.latencyMs ?? 0,
    },
  };
}
