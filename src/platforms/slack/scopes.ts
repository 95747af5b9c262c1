/** The bot scopes the install asks for: the same as `oauth_config.scopes.bot` in slack-manifest.yml. */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'files:write',
  'users:read',
  'channels:join',
] as const;
