import type { webApi } from '@slack/bolt';
import { HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { ErrorCode, type CallbackOptions } from '@slack/oauth';
import type { Logger } from 'pino';
import type { SlackInstallationsPort } from '../../ports/slack-installations.js';
import { createInstallationStore, UnsupportedInstallError } from './installation-store.js';
import { installedPage, installPage, sendFailurePage, sendPage, type InstallFailure } from './install-pages.js';
import type { Redact } from './redact.js';
import { BOT_SCOPES } from './scopes.js';
import { createStateStore, STATE_TTL_MS } from './state-store.js';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** Many workspaces: the app's OAuth credentials and where installations are kept. */
export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Signs the install link's state. */
  stateSecret: string;
  /** The https base that reaches the service; the redirect URL is `${publicUrl}/slack/oauth_redirect`. */
  publicUrl: string;
  installations: SlackInstallationsPort;
  /** How long an install link works; 10 minutes by default. */
  stateTtlMs?: number | undefined;
}

function failureOf(error: { code?: string }): InstallFailure {
  if (error instanceof UnsupportedInstallError) return 'unsupported';
  switch (error.code) {
    case ErrorCode.InvalidStateError:
    case ErrorCode.MissingStateError:
    case ErrorCode.MissingCodeError:
      return 'expired';
    case ErrorCode.AuthorizationError:
      return 'cancelled';
    default:
      return 'failed';
  }
}

/**
 * Bolt's HTTP receiver with its installer (@slack/oauth): /slack/events as in one-workspace mode, plus
 * GET /slack/install (the "Add to Slack" page with a signed, expiring state, bound to the browser by a
 * cookie) and GET /slack/oauth_redirect (checks the state, exchanges the code with oauth.v2.access,
 * stores the installation, says what to do next). A refused state stores nothing and calls Slack for
 * nothing. Pages never show an error's details; the log gets them redacted.
 */
export function createOAuthReceiver(options: {
  oauth: SlackOAuthOptions;
  signingSecret: string;
  endpoints: string;
  clientOptions: webApi.WebClientOptions;
  bolt: BoltLogger;
  logger: Logger;
  redact: Redact;
  now: () => Date;
  onInstalled: (teamId: string) => void;
}): HTTPReceiver {
  const { oauth, logger } = options;
  const ttlMs = oauth.stateTtlMs ?? STATE_TTL_MS;
  const callbackOptions: CallbackOptions = {
    success(installation, _options, _req, res) {
      sendPage(res, installedPage(installation.team?.name));
    },
    failure(error, _options, _req, res) {
      const failure = failureOf(error);
      logger.warn({ failure, code: error.code, reason: options.redact(error.message) }, 'slack install refused');
      sendFailurePage(res, failure, `${oauth.publicUrl}${INSTALL_PATH}`);
    },
  };
  return new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: options.endpoints,
    logger: options.bolt,
    processBeforeResponse: false,
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    redirectUri: `${oauth.publicUrl}${REDIRECT_PATH}`,
    scopes: [...BOT_SCOPES],
    installationStore: createInstallationStore({
      installations: oauth.installations,
      now: options.now,
      logger,
      onInstalled: options.onInstalled,
    }),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      stateStore: createStateStore({ secret: oauth.stateSecret, now: options.now, ttlMs }),
      stateCookieExpirationSeconds: Math.ceil(ttlMs / 1000),
      renderHtmlForInstallPath: installPage,
      clientOptions: options.clientOptions,
      callbackOptions,
    },
  });
}
