import type { HttpHandler } from '../shared/http-server.js';
import { within } from '../shared/within.js';

export interface HealthDeps {
  /** When the last tick finished on any replica (read from the database, so it also proves it answers). */
  lastTickAt(): Promise<Date | undefined>;
  /** When this process started: before any tick, the age is counted from here. */
  startedAt: Date;
  /** The longest gap between two poll ticks; three of them without a tick is unhealthy. */
  intervalMs: number;
  now(): Date;
  /** How long the database gets to answer. */
  timeoutMs?: number;
}

export interface Health {
  ok: boolean;
  reason?: string;
  lastTickAt?: string;
}

/** Healthy while the database answers and some replica finished a tick within three poll intervals. */
export async function checkHealth(deps: HealthDeps): Promise<Health> {
  let last: Date | undefined;
  try {
    const answered = await within(
      deps.lastTickAt().then((at) => ({ at })),
      deps.timeoutMs ?? 3_000,
    );
    if (answered === undefined) return { ok: false, reason: 'the database did not answer within 3 s' };
    last = answered.at;
  } catch (error) {
    return { ok: false, reason: `the database is unreachable: ${error instanceof Error ? error.message : error}` };
  }
  const since = last ?? deps.startedAt;
  const ageMs = deps.now().getTime() - since.getTime();
  const lastTickAt = last?.toISOString();
  if (ageMs > 3 * deps.intervalMs) {
    const what = last ? `the last tick finished ${Math.round(ageMs / 1000)} s ago` : 'no tick has finished yet';
    const limit = Math.round((3 * deps.intervalMs) / 1000);
    return {
      ok: false,
      reason: `${what}, more than three poll intervals (${limit} s)`,
      ...(lastTickAt && { lastTickAt }),
    };
  }
  return { ok: true, ...(lastTickAt && { lastTickAt }) };
}

/** `GET /healthz`: 200 `{"status":"ok"}`, or 503 with the reason. */
export function healthzHandler(deps: HealthDeps): HttpHandler {
  return async (_req, res) => {
    const { ok, ...rest } = await checkHealth(deps);
    const body = JSON.stringify({ status: ok ? 'ok' : 'unhealthy', ...rest });
    res
      .writeHead(ok ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
      .end(`${body}\n`);
  };
}
