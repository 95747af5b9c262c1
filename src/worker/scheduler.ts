import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

export interface SchedulerOptions {
  pollCron: string;
  reconcileCron: string;
  /** Popularity refresh for rankings; skipped while a tick runs. */
  metricsCron?: string;
  refreshMetrics?(): Promise<unknown>;
  /** One poll tick; `full` adds the reconcile listing. */
  poll(full: boolean): Promise<unknown>;
  dispatch(): Promise<unknown>;
  /** How often retries and digests are looked at between ticks. */
  dispatchEveryMs?: number;
  logger: Logger;
}

export interface Scheduler {
  /** Starts the schedules and runs a first tick at once. */
  start(): Promise<void>;
  /** Stops the schedules and waits for the work under way. */
  stop(): Promise<void>;
}

/**
 * Runs ticks on their crons without ever overlapping: a tick that comes while one is running is
 * skipped (a skipped reconcile runs with the next tick instead), and deliveries go out after each
 * tick and on a short interval of their own.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { logger } = options;
  const tasks: ScheduledTask[] = [];
  let polling: Promise<void> | undefined;
  let dispatching: Promise<void> | undefined;
  let fullOwed = false;
  let interval: NodeJS.Timeout | undefined;
  let stopped = false;

  function dispatch(): Promise<void> {
    if (dispatching || stopped) return dispatching ?? Promise.resolve();
    dispatching = options
      .dispatch()
      .then(() => undefined, (error: unknown) => logger.error({ err: error }, 'dispatch crashed'))
      .finally(() => (dispatching = undefined));
    return dispatching;
  }

  function tick(full: boolean): Promise<void> {
    if (polling) {
      if (full) fullOwed = true;
      logger.warn({ full }, 'tick skipped: the previous tick is still running');
      return polling;
    }
    const runFull = full || fullOwed;
    fullOwed = false;
    polling = options
      .poll(runFull)
      .then(() => dispatch(), (error: unknown) => logger.error({ err: error }, 'tick crashed'))
      .finally(() => (polling = undefined));
    return polling;
  }

  return {
    async start() {
      tasks.push(cron.schedule(options.pollCron, () => tick(false), { name: 'poll' }));
      tasks.push(cron.schedule(options.reconcileCron, () => tick(true), { name: 'reconcile' }));
      if (options.metricsCron && options.refreshMetrics) {
        const refresh = options.refreshMetrics;
        tasks.push(
          cron.schedule(options.metricsCron, async () => {
            if (polling) return;
            polling = refresh()
              .then(() => undefined, (error: unknown) => logger.error({ err: error }, 'metrics refresh crashed'))
              .finally(() => (polling = undefined));
            await polling;
          }, { name: 'metrics' }),
        );
      }
      interval = setInterval(() => void dispatch(), options.dispatchEveryMs ?? 15_000);
      interval.unref();
      await tick(false);
    },
    async stop() {
      stopped = true;
      if (interval) clearInterval(interval);
      for (const task of tasks) await task.destroy();
      await Promise.allSettled([polling, dispatching]);
    },
  };
}
