import type { Fault, FaultAction, FaultMatch } from './types.js';

const MODEL_PATH = /^\/api\/models\/([^/]+)\//;

export interface FaultQueue {
  push(fault: Fault): void;
  /** The first queued fault matching this request, spending one of its `times`. */
  take(path: string, query: URLSearchParams): FaultAction | undefined;
  clear(): void;
}

function pathMatches(want: string | RegExp, path: string): boolean {
  if (typeof want === 'string') return want === path;
  want.lastIndex = 0; // a /g pattern would otherwise remember where it stopped
  return want.test(path);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function authorOf(path: string, query: URLSearchParams): string | undefined {
  const author = query.get('author') ?? MODEL_PATH.exec(path)?.[1];
  return author === undefined ? undefined : safeDecode(author).toLowerCase();
}

function matches(match: FaultMatch | undefined, path: string, query: URLSearchParams): boolean {
  if (!match) return true;
  if (match.path !== undefined && !pathMatches(match.path, path)) return false;
  if (match.author !== undefined && authorOf(path, query) !== match.author.toLowerCase()) return false;
  return true;
}

export function createFaultQueue(): FaultQueue {
  let queue: { fault: Fault; left: number }[] = [];
  return {
    push(fault) {
      const times = fault.times ?? 1;
      if (times > 0) queue.push({ fault, left: times });
    },
    take(path, query) {
      const entry = queue.find((e) => matches(e.fault.match, path, query));
      if (!entry) return undefined;
      entry.left--;
      if (entry.left === 0) queue = queue.filter((e) => e !== entry);
      return entry.fault;
    },
    clear() {
      queue = [];
    },
  };
}
