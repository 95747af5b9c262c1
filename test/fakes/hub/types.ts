/** Shapes shared by the fake Hugging Face Hub, its fixtures and its recordings. */

/** One model repo as the Hub's raw JSON has it (`_id` is the stable ObjectId, `id` is "org/name"). */
export interface FakeRepo {
  _id: string;
  id: string;
  author?: string;
  /** Head commit; `modelInfo` also answers for this revision. */
  sha?: string;
  createdAt: string;
  lastModified?: string;
  private?: boolean;
  gated?: false | 'auto' | 'manual';
  disabled?: boolean;
  /** Last 30 days, like the Hub. */
  downloads?: number;
  downloadsAllTime?: number;
  likes?: number;
  trendingScore?: number;
  /** Derivatives on the Hub by relation; an object on the real Hub, absent here when there are none. */
  childrenModelCount?: Partial<Record<'finetune' | 'adapter' | 'quantized' | 'merge', number>>;
  pipeline_tag?: string;
  library_name?: string;
  tags?: string[];
  safetensors?: { parameters: Record<string, number>; total: number };
  cardData?: { license?: string; base_model?: string | string[]; [k: string]: unknown };
  config?: Record<string, unknown>;
  siblings?: { rfilename: string }[];
  /** Providers serving it, in either shape the Hub has answered (object keyed by provider, or a list). */
  inferenceProviderMapping?: unknown;
  /** Files served at `/{id}/resolve/main/{path}` (`config.json`, `README.md`); any other path is a 404. */
  files?: Record<string, string>;
}

export interface FaultMatch {
  /** Exact pathname, or a pattern tested against it. */
  path?: string | RegExp;
  /** Org of a listing's `author=` or of a `/api/models/{org}/...` path, case-insensitive. */
  author?: string;
}

export type FaultAction =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'malformed-json' }
  | { kind: 'malformed-item' }
  | { kind: 'hang' }
  /** The connection is dropped without an answer, as a server closing an idle keep-alive socket does. */
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number };

/** A misbehaviour queued for the next matching request(s); `times` defaults to 1. */
export type Fault = { match?: FaultMatch; times?: number } & FaultAction;

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** 0 until answered (a hung or aborted request stays 0). */
  status: number;
  /** Response body bytes as sent (no compression). */
  bytes: number;
  authorization?: string;
  fault?: FaultAction['kind'];
}

export interface RateLimitSettings {
  /** Requests per window (`q=`). */
  limit?: number;
  /** Requests left in the current window (`r=`). */
  remaining?: number;
  /** Seconds until the current window resets (`t=`); fractions allowed so tests stay fast. */
  resetSeconds?: number;
  /** Length of each later window (`w=`). */
  windowSeconds?: number;
}

export interface FakeHubOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Bearer token -> orgs whose private repos it can see. Any other token gets a 401, like the Hub. */
  tokens?: Record<string, string[]>;
  rateLimit?: Omit<RateLimitSettings, 'remaining' | 'resetSeconds'>;
  /**
   * Status for a missing or private repo asked for without a token. The Python client's comments say
   * the Hub has answered 401 there (404 with a token); 404 is the default.
   */
  anonymousNotFoundStatus?: 401 | 404;
  /**
   * A route the fake does not serve is answered 404 like the Hub, and by default also fails the test:
   * `close()` rejects naming it, so a client asking for something the fake never learned is not
   * mistaken for a missing repo. Set for a test that asks for a wrong route on purpose.
   */
  allowUnknownRoutes?: boolean;
  /** Every answer is sent this long after its request arrived, like a distant Hub (0 by default). */
  latencyMs?: number;
}

export interface FakeHub {
  /** e.g. http://127.0.0.1:41234, no trailing slash. */
  url: string;
  /** Inserts or replaces by `_id`. */
  put(...repos: FakeRepo[]): void;
  update(_id: string, patch: Partial<FakeRepo>): void;
  /** Same `_id`, new "org/name"; the old name then redirects like the Hub's. */
  rename(_id: string, newId: string): void;
  remove(_id: string): void;
  /** Copies of every stored repo, private and disabled ones included. */
  repos(): FakeRepo[];
  requests: RecordedRequest[];
  resetRequests(): void;
  fault(f: Fault): void;
  clearFaults(): void;
  setRateLimit(r: RateLimitSettings): void;
  /** Listings leave these fields out even when asked (model info still has them), as a Hub version may. */
  omitFromListings(fields: string[]): void;
  /** Routes asked for that the fake does not serve, as `GET /api/spaces`. */
  unknownRoutes: string[];
  /**
   * Stops listening and ends every open request, hung ones included; rejects afterwards when a route
   * it does not serve was asked for (unless `allowUnknownRoutes`).
   */
  close(): Promise<void>;
}
