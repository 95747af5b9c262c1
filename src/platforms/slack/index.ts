export {
  createSlackApp,
  EVENTS_PATH,
  type SlackApp,
  type SlackAppOptions,
  type SlackStartResult,
} from './create-slack-app.js';
export { createSlackAlertAdapter } from './alert-adapter.js';
export { createAdminCheck, type AdminCheck, type AdminStatus } from './admin-check.js';
export { renderAlert } from './render-alert.js';
export { renderReply, type SlackMessage } from './render-reply.js';
export { slackFailure } from './slack-failure.js';
export { channelOf, destinationOf, teamOf, workspaceId } from './ids.js';
export { INSTALL_PATH, REDIRECT_PATH, type SlackOAuthOptions } from './oauth-receiver.js';
export { BOT_SCOPES } from './scopes.js';
export { uploadChart, type UploadChartOptions } from './upload-chart.js';
export { CHART_NOTE, toBody } from './command-handler.js';
