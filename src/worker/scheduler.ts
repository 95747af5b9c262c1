import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

export interface SchedulerOptions {
  pollCron: string;
  reconcileCron: string;
  /** Popularity refresh for rankings; skipped while a tick runs. */
  metricsCron?: string;
  /** `slot` is the schedule time the cron fired for, the same on every replica. */
  refreshMetrics?(slot: Date): Promise<unknown>;
  /** One poll tick; `full` adds the reconcile listing; `slot` is the schedule time (none for the tick at start). */
  poll(full: boolean, slot?: Date): Promise<unknown>;
  dispatch(): Promise<unknown>;
  /** How often retries and digests are looked at between ticks. */
  dispatchEveryMs?: number;
  /** How long stop() waits for work under way (which the caller has told to end) before it gives up on it. */
  stopTimeoutMs?: number;
  logger: Logger;
}

export interface Scheduler {
  /** Starts the schedules and runs a first tick at once. */
  start(): Promise<void>;
  /** Stops the schedules and waits, for a bounded time, for the work under way. */
  stop(): Promise<void>;
  /** Delivers what is due now, e.g. after a poll outside the schedule; one under way is followed by another. */
  dispatch(): void;
}

/**
 * Runs ticks on their crons without ever overlapping: a tick that comes while one is running is
 * skipped (a skipped reconcile runs with the next tick instead). Delivery runs on its own: each tick
 * starts a dispatch without waiting for it, so a slow or rate-limited channel never holds polling
 * back, and a dispatch asked for while one runs follows it at once.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { logger } = options;
  const tasks: ScheduledTask[] = [];
  let polling: Promise<void> | undefined;
  let dispatching: Promise<void> | undefined;
  let dispatchAgain = false;
  let fullOwed = false;
  let interval: NodeJS.Timeout | undefined;
  let stopped = false;

  function dispatch(): void {
    if (stopped) return;
    if (dispatching) {
      dispatchAgain = true;
      return;
    }
    dispatching = (async () => {
      do {
        dispatchAgain = false;
        await options.dispatch().catch((error: unknown) => logger.error({ err: error }, 'dispatch crashed'));
      } while (dispatchAgain && !stopped);
    })().finally(() => (dispatching = undefined));
  }

  function tick(full: boolean, slot?: Date): Promise<void> {
    if (stopped) return Promise.resolve();
    if (polling) {
      if (full) fullOwed = true;
      logger.warn({ full }, 'tick skipped: the previous tick is still running');
      return polling;
    }
    const runFull = full || fullOwed;
    fullOwed = false;
    polling = options
      .poll(runFull, slot)
      .then(dispatch, (error: unknown) => logger.error({ err: error }, 'tick crashed'))
      .finally(() => (polling = undefined));
    return polling;
  }

  function refresh(run: (slot: Date) => Promise<unknown>, slot: Date): void {
    if (polling || stopped) return;
    polling = run(slot)
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: error }, 'metrics refresh crashed'),
      )
      .finally(() => (polling = undefined));
  }

  return {
    dispatch,
    async start() {
      tasks.push(cron.schedule(options.pollCron, (ctx) => tick(false, ctx.date), { name: 'poll' }));
      tasks.push(cron.schedule(options.reconcileCron, (ctx) => tick(true, ctx.date), { name: 'reconcile' }));
      const { metricsCron, refreshMetrics } = options;
      if (metricsCron && refreshMetrics)
        tasks.push(cron.schedule(metricsCron, (ctx) => refresh(refreshMetrics, ctx.date), { name: 'metrics' }));
      interval = setInterval(dispatch, options.dispatchEveryMs ?? 15_000);
      interval.unref();
      await tick(false);
    },
    async stop() {
      stopped = true;
      if (interval) clearInterval(interval);
      for (const task of tasks) await task.destroy();
      const settled = Promise.allSettled([polling, dispatching]).then(() => true);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>(
        (resolve) => (timer = setTimeout(() => resolve(false), options.stopTimeoutMs ?? 8_000)),
      );
      const finished = await Promise.race([settled, late]);
      clearTimeout(timer);
      if (!finished) logger.warn('work under way did not end in time; stopping without it');
    },
  };
}
