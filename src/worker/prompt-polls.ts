import type { Logger } from 'pino';

export interface PromptPolls {
  /** Polls the org soon. A request while one is waiting joins it; one while a poll runs gets one more after it. */
  request(org: string): void;
  /** Drops waiting polls and waits, for a bounded time, for the ones under way. */
  stop(): Promise<void>;
}

type State = { kind: 'waiting'; timer: NodeJS.Timeout } | { kind: 'running'; again: boolean; done: Promise<void> };

/**
 * Polls outside the schedule, one org at a time, coalesced: a burst of requests for one org (a family
 * of repos made public together) becomes one poll after `delayMs`, and a request that comes while the
 * org is being polled gets one more poll after it, since that poll may have listed the org too early.
 */
export function createPromptPolls(deps: {
  poll(org: string): Promise<unknown>;
  logger: Logger;
  delayMs?: number;
  stopTimeoutMs?: number;
}): PromptPolls {
  const states = new Map<string, State>();
  const delayMs = deps.delayMs ?? 250;
  let stopped = false;

  function wait(key: string, org: string): void {
    const timer = setTimeout(() => run(key, org), delayMs);
    timer.unref();
    states.set(key, { kind: 'waiting', timer });
  }

  function run(key: string, org: string): void {
    const state: State = { kind: 'running', again: false, done: Promise.resolve() };
    state.done = deps
      .poll(org)
      .then(
        () => undefined,
        (error: unknown) => deps.logger.error({ org, err: error }, 'prompt poll crashed'),
      )
      .finally(() => {
        if (state.again && !stopped) wait(key, org);
        else states.delete(key);
      });
    states.set(key, state);
  }

  return {
    request(org) {
      if (stopped) return;
      const key = org.toLowerCase();
      const state = states.get(key);
      if (state === undefined) return wait(key, org);
      if (state.kind === 'running') state.again = true;
    },
    async stop() {
      stopped = true;
      const running: Promise<void>[] = [];
      for (const state of states.values()) {
        if (state.kind === 'waiting') clearTimeout(state.timer);
        else running.push(state.done);
      }
      states.clear();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, deps.stopTimeoutMs ?? 8_000)));
      await Promise.race([Promise.allSettled(running), late]);
      clearTimeout(timer);
    },
  };
}
