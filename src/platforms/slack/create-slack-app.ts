import { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { CommandContext } from '../../../commands/types.js';
import type { Answer, CommandRequest, Platform, PlatformDeps, StartResult } from '../platform.js';
import { plainReply } from '../plain-reply.js';
import { replyToRequest } from '../reply-to-request.js';
import { createAdminCheck } from './admin-check.js';
import { createSlackAlertAdapter } from './alert-adapter.js';
import { boltLogger } from './bolt-logger.js';
import { createCommandHandler, toBody } from './command-handler.js';
import { destinationOf, workspaceId } from './ids.js';
import { spellCommand } from './mrkdwn.js';
import { OPEN_REPO_ACTION } from './render-alert.js';
import { describeSlackError } from './slack-failure.js';
import { within } from '../../shared/within.js';
import { createHttpServer, type HttpServer } from '../../shared/http-server.js';
import { createOAuthReceiver, INSTALL_PATH, type SlackOAuthOptions } from './oauth-receiver.js';
import { createRedactor, type Redact } from './redact.js';
import { createTeamClients, type TeamClients } from './team-clients.js';
import { handleUninstalls } from './uninstall-events.js';

export interface SlackAppOptions extends PlatformDeps {
  /** `xoxb-…`: one workspace, whose token serves every command and alert. */
  botToken?: string | undefined;
  /** Many workspaces installed with OAuth, each with its own token; instead of `botToken`. */
  oauth?: SlackOAuthOptions | undefined;
  /** Verifies every HTTP request; needed unless `appToken` selects Socket Mode. */
  signingSecret?: string | undefined;
  /** `xapp-…`: Socket Mode instead of the HTTP endpoint, no public URL needed. */
  appToken?: string | undefined;
  /** Users who may run admin subcommands whatever Slack says about them. */
  adminUserIds: readonly string[];
  /** Web API base, e.g. a fake's `http://127.0.0.1:PORT/api/`; Slack's own by default. */
  apiUrl?: string | undefined;
  /**
   * The service's HTTP listener: HTTP mode serves /slack/events on it. Without one, the app listens on
   * `port` by itself.
   */
  server?: HttpServer | undefined;
  /** Where HTTP mode listens when no `server` is given. */
  port: number;
  /** Interface to listen on; every interface by default. */
  host?: string | undefined;
  fetch?: typeof fetch | undefined;
  /** How long a command may take and still be answered in its ack (Slack waits 3 s); 2 s by default. */
  ackBudgetMs?: number | undefined;
}

export interface SlackStartResult extends StartResult {
  /** The port HTTP mode listens on (useful with port 0). */
  port?: number;
}

/** Posts alerts through the Web API whether or not start() succeeded. */
export interface SlackApp extends Platform {
  /** Checks the token and starts receiving commands; logs and returns a failure, never throws. */
  start(): Promise<SlackStartResult>;
}

export const EVENTS_PATH = '/slack/events';
const API_TIMEOUT_MS = 10_000;
const ACK_BUDGET_MS = 2_000;
const SOCKET_CONNECT_MS = 15_000;

/**
 * The Slack side of floodwatch: Bolt receiving `/floodwatch` over HTTP (signed requests on
 * /slack/events) or Socket Mode, and an alert adapter posting with the bot token. Every Web API client
 * here rejects rate-limited calls and never retries on its own: the delivery queue reschedules, and a
 * command never waits behind an alert.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const logger = options.logger.child({ platform: 'slack' });
  const redact = createRedactor([
    options.botToken,
    options.signingSecret,
    options.appToken,
    options.oauth?.clientSecret,
    options.oauth?.stateSecret,
  ]);
  const bolt = boltLogger(logger, redact);
  const clientOptions = (): webApi.WebClientOptions => ({
    logger: bolt,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: API_TIMEOUT_MS,
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const teams = options.oauth
    ? createTeamClients({ installations: options.oauth.installations, clientOptions: clientOptions() })
    : undefined;
  const adapter = createSlackAlertAdapter({
    ...(teams
      ? { teamClient: (teamId: string) => teams.get(teamId) }
      : { client: new webApi.WebClient(options.botToken, clientOptions()) }),
    hubUrl: options.hubUrl,
    logger,
  });

  const ctx: CommandContext = {
    services: options.services,
    commands: options.commands,
    now: options.now,
    hubUrl: options.hubUrl,
    logger,
  };
  async function answer(request: CommandRequest): Promise<Answer> {
    const reply = await replyToRequest(ctx, request, {
      platform: 'slack',
      workspace: workspaceId,
      destination: destinationOf,
    });
    return {
      ephemeral: reply.ephemeral,
      text: plainReply(reply, spellCommand),
      body: toBody(reply),
      chart: reply.chart,
    };
  }

  let app: App | undefined;
  let receiver: HTTPReceiver | undefined;
  let setupError: string | undefined;
  try {
    ({ app, receiver } = buildApp(options, clientOptions(), { bolt, logger, redact, teams }, answer));
  } catch (error) {
    setupError = error instanceof Error ? error.message : String(error);
  }
  let started: SlackStartResult | undefined;
  // Receiving was started and may hold a socket that is still connecting, or serve HTTP requests.
  let receiving = false;
  const ownServer = options.server === undefined && receiver !== undefined;
  const server = options.server ?? createHttpServer({ logger });
  if (receiver) {
    const listener = receiver.requestListener;
    server.mount('/slack/', (req, res) => {
      if (!receiving) return false;
      try {
        listener(req, res);
        return true;
      } catch (error) {
        // Bolt throws this for a path it does not serve: let the next handler have it.
        if ((error as { code?: unknown }).code === 'slack_bolt_http_receiver_deferred_request_error') return false;
        throw error;
      }
    });
  }
  // A socket that connected after start() had stopped waiting for it.
  let lateSocket = false;

  return {
    platform: adapter.platform,
    postAlert: adapter.postAlert.bind(adapter),
    postNotice: adapter.postNotice.bind(adapter),
    ...(adapter.postDigest ? { postDigest: adapter.postDigest.bind(adapter) } : {}),
    answer,
    async start() {
      if (started) return started;
      if (receiving) {
        if (!lateSocket) return { ok: false, error: 'slack socket mode is still connecting' };
        started = { ok: true };
        return started;
      }
      if (app === undefined) {
        logger.error(
          { reason: setupError },
          'slack app cannot be set up; Slack commands are off, everything else keeps running',
        );
        return { ok: false, error: setupError ?? 'slack app cannot be set up' };
      }
      try {
        // auth.test: a bad token or an unreachable Slack fails here, not in the constructor.
        await app.init();
      } catch (error) {
        const reason = describeSlackError(error);
        logger.error({ reason }, 'slack token check failed; Slack commands are off, everything else keeps running');
        return { ok: false, error: `slack auth.test failed: ${reason}` };
      }
      try {
        receiving = true;
        const result = options.appToken
          ? await startSocketMode(app, logger, () => (lateSocket = true))
          : ownServer
            ? { ok: true, port: await server.listen(options.port, options.host) }
            : { ok: true };
        if (!result.ok) return result;
        started = result;
        logger.info(
          {
            mode: options.appToken ? 'socket' : options.oauth ? 'oauth' : 'http',
            port: result.port,
            ...(options.oauth ? { installUrl: `${options.oauth.publicUrl}${INSTALL_PATH}` } : {}),
          },
          'slack app receiving commands',
        );
        return result;
      } catch (error) {
        receiving = false;
        const reason = describeSlackError(error);
        logger.error({ reason }, 'slack app cannot receive commands; everything else keeps running');
        return { ok: false, error: `slack receiver failed: ${reason}` };
      }
    },
    async stop() {
      if (!receiving || app === undefined) return;
      receiving = false;
      started = undefined;
      try {
        if (options.appToken) await app.stop();
        else if (ownServer) await server.close();
      } catch (error) {
        logger.warn({ reason: describeSlackError(error) }, 'slack app did not stop cleanly');
      }
    },
  };
}

interface BuildDeps {
  bolt: ReturnType<typeof boltLogger>;
  logger: Logger;
  redact: Redact;
  teams: TeamClients | undefined;
}

/** The receiver of OAuth mode: HTTP with the installer's two pages. */
function oauthReceiver(
  options: SlackAppOptions & { oauth: SlackOAuthOptions },
  clientOptions: webApi.WebClientOptions,
  deps: BuildDeps,
): { receiver: HTTPReceiver } {
  if (options.botToken || options.appToken)
    throw new Error('slack OAuth mode takes neither a bot token nor an app token (Socket Mode)');
  if (!options.signingSecret) throw new Error('slack OAuth mode needs the signing secret');
  return {
    receiver: createOAuthReceiver({
      oauth: options.oauth,
      signingSecret: options.signingSecret,
      endpoints: EVENTS_PATH,
      clientOptions,
      bolt: deps.bolt,
      logger: deps.logger,
      redact: deps.redact,
      now: options.now,
      onInstalled: (teamId) => deps.teams?.forget(teamId),
    }),
  };
}

function buildApp(
  options: SlackAppOptions,
  clientOptions: webApi.WebClientOptions,
  deps: BuildDeps,
  answer: (request: CommandRequest) => Promise<Answer>,
): { app: App; receiver?: HTTPReceiver } {
  const { bolt, logger } = deps;
  if (!options.oauth && !options.botToken) throw new Error('slack needs a bot token or OAuth settings');
  const receiver = options.oauth
    ? oauthReceiver({ ...options, oauth: options.oauth }, clientOptions, deps)
    : options.appToken
      ? {
          socketMode: true,
          appToken: options.appToken,
          // The socket client keeps its default (generous) retries for apps.connections.open: with none,
          // a reconnect during a network blip fails at once and socket-mode rejects it unhandled.
          installerOptions: {
            clientOptions: {
              ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
              ...(options.fetch ? { fetch: options.fetch } : {}),
            },
          },
        }
      : {
          receiver: new HTTPReceiver({
            signingSecret: options.signingSecret ?? '',
            endpoints: EVENTS_PATH,
            logger: bolt,
            processBeforeResponse: false,
          }),
        };
  const app = new App({
    ...(options.oauth ? {} : { token: options.botToken }),
    ...receiver,
    deferInitialization: true,
    logger: bolt,
    clientOptions,
    convoStore: false,
  });
  const admins = createAdminCheck({ adminUserIds: options.adminUserIds, now: options.now, logger });
  app.command(
    '/floodwatch',
    createCommandHandler({
      answer,
      commands: options.commands,
      admins,
      logger,
      ackBudgetMs: options.ackBudgetMs ?? ACK_BUDGET_MS,
    }),
  );
  // The alert's button only opens a link; Slack still reports the click and expects an ack.
  app.action(OPEN_REPO_ACTION, async ({ ack }) => {
    await ack();
  });
  if (options.oauth) {
    const { installations } = options.oauth;
    handleUninstalls(app, { installations, now: options.now, logger, forget: (t) => deps.teams?.forget(t) });
  }
  app.error(async (error) => {
    // A request from a workspace without an installation (e.g. just uninstalled) is not our failure.
    if (error.code === 'slack_bolt_authorization_error') {
      logger.warn({ reason: deps.redact(error.message) }, 'slack request from a workspace without floodwatch');
      return;
    }
    logger.error({ err: error }, 'slack listener failed');
  });
  return { app, ...('receiver' in receiver ? { receiver: receiver.receiver } : {}) };
}

/**
 * The socket client retries apps.connections.open on its own for as long as it takes; start-up waits
 * a while, then reports and lets it go on connecting in the background. A refused app token fails fast.
 */
async function startSocketMode(app: App, logger: Logger, connectedLate: () => void): Promise<SlackStartResult> {
  const connecting = app.start().then(() => true as const);
  if (await within(connecting, SOCKET_CONNECT_MS)) return { ok: true };
  connecting.then(
    () => {
      connectedLate();
      logger.info('slack socket mode connected');
    },
    (error: unknown) => logger.error({ reason: describeSlackError(error) }, 'slack socket mode gave up connecting'),
  );
  logger.error(
    { waitedMs: SOCKET_CONNECT_MS },
    'slack socket mode is not connected yet; still trying in the background',
  );
  return { ok: false, error: 'slack socket mode is not connected yet; still trying in the background' };
}
