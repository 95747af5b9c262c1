import { createApp } from '../app/create-app.js';
import { createPlatforms } from '../app/create-platforms.js';
import { secretBoxFromConfig } from '../app/secret-box-from-config.js';
import { readEnv, slackMode } from '../config/env.js';
import { startPlatforms } from '../app/start-platforms.js';
import { createHttpServer, type HttpServer } from '../shared/http-server.js';
import { createPostgresServices } from '../storage/create-services.js';
import { createPostgresSlackInstallations } from '../storage/slack-installations.js';
import { createScheduler } from '../worker/scheduler.js';
import { withContext, type CliIo } from './context.js';
import { parseCommand } from './parse.js';
import { SettingError } from '../config/setting-error.js';

async function listenOn(server: HttpServer, port: number): Promise<number> {
  try {
    return await server.listen(port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? 'another process listens on this port'
        : code === 'EACCES'
          ? 'not allowed to listen on this port'
          : String(error);
    throw new SettingError('PORT', String(port), reason, { cause: error });
  }
}

/**
 * Runs the service until SIGINT or SIGTERM, then stops within a few seconds: Hub requests and sends
 * under way are aborted (a send gets a short grace first), claimed deliveries go back to the queue so
 * the next start sends them at once, and nothing is half-written (each org's poll is one transaction).
 */
export async function runStart(args: string[], io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  parseCommand(args, {}, 'start');
  const stopped = new Promise<string>((resolve) => {
    signals.once('SIGINT', () => resolve('SIGINT'));
    signals.once('SIGTERM', () => resolve('SIGTERM'));
  });
  // Slack OAuth mode seals bot tokens: a missing or bad key stops the start before anything opens.
  const box = slackMode(readEnv(io.env)) === 'oauth' ? secretBoxFromConfig(readEnv(io.env)) : undefined;
  return withContext(io, async ({ config, logger, database }) => {
    const lifetime = new AbortController();
    const server = createHttpServer({ logger });
    const created = await createPlatforms({
      config,
      logger,
      services: createPostgresServices(database.db),
      slackInstallations: box ? createPostgresSlackInstallations(database.db, box) : undefined,
      server,
    });
    // Listen first: a port that is taken is a clear error before anything has started.
    if (server.used) logger.info({ port: await listenOn(server, config.PORT) }, 'http listening');
    const platforms = startPlatforms(created, logger);
    const app = createApp({
      config,
      logger,
      database,
      out: io.out,
      adapters: platforms.adapters,
      signal: lifetime.signal,
    });
    const scheduler = createScheduler({
      pollCron: config.POLL_CRON,
      reconcileCron: config.RECONCILE_CRON,
      metricsCron: config.METRICS_CRON,
      poll: (full) => app.tick(full),
      dispatch: () => app.dispatch(),
      refreshMetrics: () => app.refreshMetrics(),
      logger,
    });
    // A chat library that rejects in the background must not take the poller down with it.
    const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled rejection');
    process.on('unhandledRejection', onRejection);
    logger.info(
      {
        database: database.kind,
        hub: config.HF_ENDPOINT,
        pollCron: config.POLL_CRON,
        reconcileCron: config.RECONCILE_CRON,
      },
      'floodwatch started',
    );
    // The first tick runs in the background: a stop signal is obeyed even while it hangs.
    void scheduler.start();
    const signal = await stopped;
    logger.info({ signal }, 'floodwatch stopping');
    lifetime.abort();
    await scheduler.stop();
    await platforms.stop();
    await server.close();
    process.off('unhandledRejection', onRejection);
    logger.info('floodwatch stopped');
    return 0;
  });
}
