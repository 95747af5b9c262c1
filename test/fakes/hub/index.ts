export { startFakeHub } from './server.js';
export {
  DEFAULT_CREATED_AT,
  LEGACY_CREATED_AT,
  makeOrg,
  makeRepo,
  paramsFromName,
  type MakeOrgOptions,
  type MakeRepoOptions,
  type Relation,
} from './repos.js';
export { objectIdFor } from './object-id.js';
export type {
  FakeHub,
  FakeHubOptions,
  FakeRepo,
  Fault,
  FaultAction,
  FaultMatch,
  RateLimitSettings,
  RecordedRequest,
} from './types.js';
export { postWebhook, webhookPayload, type WebhookKind } from './webhooks.js';
