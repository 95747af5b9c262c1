import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createApp, type App } from '../app/create-app.js';
import { createPlatforms } from '../app/create-platforms.js';
import { secretBoxFromConfig } from '../app/secret-box-from-config.js';
import { readEnv, slackMode } from '../config/env.js';
import { mountOps } from '../app/mount-ops.js';
import { createReplicaTick } from '../app/replica-tick.js';
import { startPlatforms } from '../app/start-platforms.js';
import { releaseOrphanedClaims } from '../delivery/release-orphans.js';
import { createReplicaCensus } from '../delivery/replica-census.js';
import { createHttpServer, type HttpServer } from '../shared/http-server.js';
import { createPostgresServices } from '../storage/create-services.js';
import { createPostgresSlackInstallations } from '../storage/slack-installations.js';
import { longestGapMs } from '../worker/cron-interval.js';
import { createPromptPolls } from '../worker/prompt-polls.js';
import { createScheduler, type Scheduler } from '../worker/scheduler.js';
import { withContext, type CliIo } from './context.js';
import { parseCommand } from './parse.js';
import { SettingError } from '../config/setting-error.js';

function listenProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EADDRINUSE'
    ? 'another process listens on this port'
    : code === 'EACCES'
      ? 'not allowed to listen on this port'
      : String(error);
}

/**
 * Listens on PORT. A PORT that was set and cannot be used is a clear error before anything has
 * started; the default port taken by something else only costs the HTTP paths (a warning), so a
 * plain `npm start` runs anywhere.
 */
async function listenOn(server: HttpServer, port: number, chosen: boolean, logger: Logger): Promise<void> {
  try {
    logger.info({ port: await server.listen(port) }, 'http listening');
  } catch (error) {
    if (chosen) throw new SettingError('PORT', String(port), listenProblem(error), { cause: error });
    logger.warn(
      { port, reason: listenProblem(error) },
      'http not listening: /healthz, /metrics and webhooks are off; set PORT to a free port',
    );
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
  const settings = readEnv(io.env);
  const box = slackMode(settings) === 'oauth' ? secretBoxFromConfig(settings) : undefined;
  return withContext(io, async ({ config, logger, database }) => {
    const startedAt = new Date();
    // One process owns the embedded database: what is claimed now was claimed by one that died.
    if (database.kind === 'pglite') {
      const released = await releaseOrphanedClaims(database.db);
      if (released > 0) logger.warn({ deliveries: released }, 'deliveries claimed by a process that died go out again');
    }
    const intervalMs = longestGapMs(config.POLL_CRON);
    const lifetime = new AbortController();
    const server = createHttpServer({ logger });
    // A webhook that comes before the service is wired is covered by the tick at start.
    const wired: { current?: { app: App; scheduler: Scheduler } } = {};
    const prompt = createPromptPolls({
      logger,
      async poll(org) {
        if (!wired.current) return;
        await wired.current.app.pollOrgs(new Set([org.toLowerCase()]));
        wired.current.scheduler.dispatch();
      },
    });
    // Replicas on one PostgreSQL split the platforms' per-token limits; the embedded database has one.
    const census =
      database.kind === 'postgres' ? createReplicaCensus({ db: database.db, id: randomUUID(), logger }) : undefined;
    await census?.start();
    mountOps(server, {
      config,
      database,
      logger,
      startedAt,
      intervalMs,
      requestPoll: (org) => prompt.request(org),
      hubBudgetLeft: () => wired.current?.app.hubBudget.left(),
    });
    const created = await createPlatforms({
      config,
      logger,
      services: createPostgresServices(database.db),
      slackInstallations: box ? createPostgresSlackInstallations(database.db, box) : undefined,
      server,
      ...(census ? { replicas: census.count } : {}),
    });
    // Listen first: a port that is taken is a clear error before anything has started.
    await listenOn(server, config.PORT, Boolean(io.env.PORT?.trim()), logger);
    const platforms = startPlatforms(created, logger);
    const app = createApp({
      config,
      logger,
      database,
      out: io.out,
      adapters: platforms.adapters,
      signal: lifetime.signal,
    });
    const replica = createReplicaTick({ app, database, config, logger, intervalMs });
    const scheduler = createScheduler({
      pollCron: config.POLL_CRON,
      reconcileCron: config.RECONCILE_CRON,
      metricsCron: config.METRICS_CRON,
      poll: (full, slot) => replica.poll(full, slot),
      dispatch: () => app.dispatch(),
      refreshMetrics: (slot) => replica.refreshMetrics(slot),
      logger,
    });
    wired.current = { app, scheduler };
    // A chat library that rejects in the background must not take the poller down with it.
    const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled rejection');
    process.on('unhandledRejection', onRejection);
    logger.info(
      {
        database: database.kind,
        hub: config.HF_ENDPOINT,
        pollCron: config.POLL_CRON,
        reconcileCron: config.RECONCILE_CRON,
        webhooks: config.HF_WEBHOOK_SECRET !== undefined,
      },
      'floodwatch started',
    );
    // The first tick runs in the background: a stop signal is obeyed even while it hangs.
    void scheduler.start();
    const signal = await stopped;
    logger.info({ signal }, 'floodwatch stopping');
    lifetime.abort();
    await Promise.all([scheduler.stop(), prompt.stop()]);
    await platforms.stop();
    await census?.stop();
    await server.close();
    process.off('unhandledRejection', onRejection);
    logger.info('floodwatch stopped');
    return 0;
  });
}
