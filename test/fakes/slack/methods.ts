import { authTest, usersInfo } from './auth-users.js';
import { chatPostMessage } from './chat.js';
import { conversationsInfo, conversationsJoin } from './conversations.js';
import { filesCompleteUploadExternal, filesGetUploadUrlExternal } from './files.js';
import type { MethodHandler } from './method-handler.js';

/** The Web API methods the fake implements; any other name answers `unknown_method`. */
export const METHODS: ReadonlyMap<string, MethodHandler> = new Map([
  ['auth.test', authTest],
  ['users.info', usersInfo],
  ['chat.postMessage', chatPostMessage],
  ['conversations.info', conversationsInfo],
  ['conversations.join', conversationsJoin],
  ['files.getUploadURLExternal', filesGetUploadUrlExternal],
  ['files.completeUploadExternal', filesCompleteUploadExternal],
]);
