export { startFakeDiscord } from './fake-discord.js';
export { DEFAULT_GUILDS } from './state.js';
export { DEFAULT_BOT_PERMISSIONS } from './guild-payload.js';
export { MESSAGE_LIMITS } from './message-limits.js';
export { COMMAND_LIMITS } from './command-limits.js';
export type {
  ChannelFault,
  FakeChannel,
  FakeDiscord,
  FakeDiscordOptions,
  FakeGuild,
  InteractOptions,
  InteractionCallback,
  InteractionExchange,
  PostedMessage,
  RateLimitOptions,
  RecordedFile,
  RecordedRequest,
  VisibleReply,
} from './types.js';
