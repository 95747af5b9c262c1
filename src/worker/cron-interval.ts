import cron from 'node-cron';

/**
 * The longest gap between the next runs of a cron expression: how long a healthy service may go
 * between two ticks. Irregular schedules (`0 9,17 * * *`) count their longest gap.
 */
export function longestGapMs(expression: string, runs = 12): number {
  const task = cron.createTask(expression, () => undefined);
  try {
    const dates = task.getNextRuns(runs).map((d) => d.getTime());
    let longest = 0;
    for (let i = 1; i < dates.length; i++) longest = Math.max(longest, dates[i]! - dates[i - 1]!);
    return longest;
  } finally {
    void task.destroy();
  }
}
