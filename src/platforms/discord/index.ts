export { createDiscordBot, createRest, type DiscordOptions } from './discord-bot.js';
export { createAlertRest, createDiscordAlertAdapter, discordFailure } from './alert-adapter.js';
export { discordCommands } from './command-json.js';
export { syncCommands, type SyncResult } from './sync-commands.js';
export { renderReply, type DiscordReply, type DrawnChart, type ReplyFile } from './render-reply.js';
export { interactionMessage, renderReplyWithChart, restMessage } from './reply-message.js';
