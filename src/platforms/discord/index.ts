export { createDiscordBot, createRest, type DiscordOptions } from './discord-bot.js';
export { createAlertRest, createDiscordAlertAdapter, discordFailure } from './alert-adapter.js';
export { discordCommands } from './command-json.js';
export { syncCommands, type SyncResult } from './sync-commands.js';
