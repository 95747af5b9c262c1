export { startFakeSlack } from './web-api.js';
export { signSlackRequest, type SlackSignatureHeaders } from './signing.js';
export {
  postSlashCommand,
  slashCommandBody,
  type SlashCommandFields,
  type SlashCommandReply,
} from './slash-command.js';
export { validateBlocks } from './limits.js';
export type {
  CompletedUpload,
  EventDelivery,
  FakeChannel,
  FakeSlack,
  FakeSlackOptions,
  FakeTeam,
  FakeTeamOptions,
  FakeUser,
  PostedMessage,
  RecordedCall,
} from './types.js';
