/** A promise settled from outside, remembering its value for late readers. */
export interface Signal<T> {
  promise: Promise<T>;
  settled: boolean;
  resolve(value: T): void;
}

export function createSignal<T>(): Signal<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  const signal: Signal<T> = {
    promise,
    settled: false,
    resolve(value) {
      if (signal.settled) return;
      signal.settled = true;
      resolve(value);
    },
  };
  return signal;
}

/** Races `promise` against a timer that is always cleared, so a waiting test leaves no handle behind. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${describe()} (waited ${timeoutMs} ms)`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
