import { DeliveryError } from '../platforms/platform.js';

export interface DeadlineOptions {
  /** The send is given up after this long, rate-limit waits and the platform client's own retries included. */
  deadlineMs: number;
  /** The service is stopping: the send gets `graceMs` more, then it is given up too. */
  stop?: AbortSignal | undefined;
  graceMs: number;
}

/**
 * Runs one send with a signal that fires at its deadline, or shortly after the service starts
 * stopping, and gives up on it at that moment even if the platform client does not listen.
 */
export async function withDeadline<T>(send: (signal: AbortSignal) => Promise<T>, options: DeadlineOptions): Promise<T> {
  const controller = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  const giveUp = (why: string) => controller.abort(new DeliveryError(why, 'retry'));
  timers.push(setTimeout(() => giveUp(`the send took longer than ${options.deadlineMs / 1000} s`), options.deadlineMs));
  const onStop = () => timers.push(setTimeout(() => giveUp('the service is stopping'), options.graceMs));
  if (options.stop?.aborted) onStop();
  else options.stop?.addEventListener('abort', onStop, { once: true });
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  try {
    return await Promise.race([send(controller.signal), aborted]);
  } finally {
    for (const timer of timers) clearTimeout(timer);
    options.stop?.removeEventListener('abort', onStop);
  }
}
