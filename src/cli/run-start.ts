import { createApp } from '../app/create-app.js';
import { createPlatforms } from '../app/create-platforms.js';
import { startPlatforms } from '../app/start-platforms.js';
import { createScheduler } from '../worker/scheduler.js';
import { withContext, type CliIo } from './context.js';
import { parseCommand } from './parse.js';

/** Runs the service until SIGINT or SIGTERM. */
export async function runStart(args: string[], io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  parseCommand(args, {}, 'start');
  return withContext(io, async ({ config, logger, database }) => {
    const platforms = await startPlatforms(await createPlatforms({ config, logger, database }), logger);
    const app = createApp({ config, logger, database, out: io.out, adapters: platforms.adapters });
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
    const stopped = new Promise<string>((resolve) => {
      signals.once('SIGINT', () => resolve('SIGINT'));
      signals.once('SIGTERM', () => resolve('SIGTERM'));
    });
    logger.info(
      { database: database.kind, hub: config.HF_ENDPOINT, pollCron: config.POLL_CRON, reconcileCron: config.RECONCILE_CRON },
      'floodwatch started',
    );
    await scheduler.start();
    const signal = await stopped;
    logger.info({ signal }, 'floodwatch stopping');
    await scheduler.stop();
    await platforms.stop();
    process.off('unhandledRejection', onRejection);
    return 0;
  });
}
