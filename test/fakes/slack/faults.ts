/** Failures queued per method by tests, consumed one per call in the order they were queued. */
export type Fault = { kind: 'rate_limited'; retryAfterSeconds: number } | { kind: 'error'; error: string };

export interface FaultQueue {
  push(method: string, fault: Fault, times: number): void;
  take(method: string): Fault | undefined;
}

export function createFaultQueue(): FaultQueue {
  const queues = new Map<string, Fault[]>();
  return {
    push(method, fault, times) {
      const queue = queues.get(method) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(fault);
      queues.set(method, queue);
    },
    take(method) {
      return queues.get(method)?.shift();
    },
  };
}
