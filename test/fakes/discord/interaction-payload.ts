import { DEFAULT_BOT_PERMISSIONS } from './guild-payload.js';
import type { InteractionRecord } from './interactions.js';
import { nextSnowflake } from './snowflake.js';
import type { FakeState } from './state.js';
import type { InteractOptions, Json } from './types.js';

const DEFAULT_USER_ID = '1200000000000000001';

function hasFocusedOption(options: unknown): boolean {
  if (!Array.isArray(options)) return false;
  return options.some((o: Json) => o?.focused === true || hasFocusedOption(o?.options));
}

/** The id Discord gave the command: from a registered guild or global command of that name, if any. */
function commandIdFor(state: FakeState, input: InteractOptions): { id: string; guildId?: string } {
  if (input.commandId) return { id: input.commandId };
  const guildCommand = state.commands.get(input.guildId)?.find((c) => c.name === input.name);
  if (guildCommand) return { id: guildCommand.id, guildId: input.guildId };
  const globalCommand = state.commands.get('')?.find((c) => c.name === input.name);
  return { id: globalCommand?.id ?? nextSnowflake() };
}

/** INTERACTION_CREATE data for a chat-input command or its autocomplete, as the gateway delivers it in a guild. */
export function buildInteractionCreate(state: FakeState, record: InteractionRecord, input: InteractOptions): Json {
  const guild = state.guilds.find((g) => g.id === input.guildId);
  const channel = state.channels.get(input.channelId);
  if (!guild) throw new Error(`interact: unknown guild ${input.guildId}`);
  if (!channel || channel.guildId !== guild.id) {
    throw new Error(`interact: channel ${input.channelId} is not in guild ${guild.id}`);
  }
  if (record.type === 4 && !hasFocusedOption(input.options)) {
    throw new Error('interact: an autocomplete interaction needs one option with focused: true');
  }
  const userId = input.userId ?? DEFAULT_USER_ID;
  const locale = input.locale ?? 'en-US';
  const command = commandIdFor(state, input);
  const data: Json = { id: command.id, name: input.name, type: 1 };
  if (input.options) data.options = input.options;
  if (input.resolved) data.resolved = input.resolved;
  if (command.guildId) data.guild_id = command.guildId;
  return {
    id: record.id,
    application_id: state.applicationId,
    type: record.type,
    token: record.token,
    version: 1,
    guild_id: guild.id,
    guild: { id: guild.id, locale: 'en-US', features: [] },
    channel: {
      id: channel.channel.id,
      type: channel.channel.type ?? 0,
      guild_id: guild.id,
      name: channel.channel.name,
      permissions: guild.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
      flags: 0,
      nsfw: false,
      parent_id: null,
      position: 0,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
    },
    channel_id: channel.channel.id,
    member: {
      user: {
        id: userId,
        username: `user${userId.slice(-4)}`,
        discriminator: '0',
        global_name: `User ${userId.slice(-4)}`,
        avatar: null,
        public_flags: 0,
      },
      roles: [],
      permissions: input.permissions ?? DEFAULT_BOT_PERMISSIONS,
      joined_at: new Date(0).toISOString(),
      premium_since: null,
      nick: null,
      avatar: null,
      pending: false,
      deaf: false,
      mute: false,
      flags: 0,
      communication_disabled_until: null,
    },
    app_permissions: guild.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
    locale,
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    attachment_size_limit: 10 * 1024 * 1024,
    data,
  };
}
