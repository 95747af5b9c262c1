import type { FakeGuild, Json } from './types.js';

/** View channel, send messages, embed links, read message history. */
export const DEFAULT_BOT_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n));

/** The bot's own role in every guild; the `@everyone` role shares the guild's id. */
export function botRoleId(guild: FakeGuild): string {
  return (BigInt(guild.id) + 1n).toString();
}

function role(id: string, name: string, permissions: string, position: number, botId?: string): Json {
  return {
    ...(botId ? { tags: { bot_id: botId } } : {}),
    id,
    name,
    permissions,
    position,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    managed: botId !== undefined,
    mentionable: false,
    flags: 0,
  };
}

function channel(raw: FakeGuild['channels'][number], position: number): Json {
  return {
    id: raw.id,
    type: raw.type ?? 0,
    name: raw.name,
    position,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

/** A full GUILD_CREATE payload: channels, roles and the bot's member, so discord.js caches them. */
export function buildGuildCreate(guild: FakeGuild, botUser: Json, joinedAt: string): Json {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: '1000000000000000099',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    features: [],
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    lazy: true,
    member_count: 2,
    roles: [
      role(guild.id, '@everyone', '0', 0),
      role(botRoleId(guild), botUser.username, guild.botPermissions ?? DEFAULT_BOT_PERMISSIONS, 1, botUser.id),
    ],
    emojis: [],
    stickers: [],
    channels: guild.channels.map(channel),
    threads: [],
    members: [
      {
        user: botUser,
        nick: null,
        avatar: null,
        banner: null,
        roles: [botRoleId(guild)],
        joined_at: joinedAt,
        premium_since: null,
        deaf: false,
        mute: false,
        pending: false,
        flags: 0,
        communication_disabled_until: null,
      },
    ],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
