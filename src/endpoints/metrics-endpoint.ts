import type { Logger } from 'pino';
import type { HttpHandler } from '../shared/http-server.js';
import { metricsRegistry } from '../shared/metrics.js';

/**
 * `GET /metrics` in Prometheus' text format. `refresh` sets the gauges read from the database first;
 * when it fails, the rest is still served and the failure logged.
 */
export function metricsHandler(deps: { refresh(): Promise<void>; logger: Logger }): HttpHandler {
  return async (_req, res) => {
    await deps.refresh().catch((error: unknown) => deps.logger.warn({ err: error }, 'metrics: outbox not read'));
    const text = await metricsRegistry.metrics();
    res.writeHead(200, { 'content-type': metricsRegistry.contentType, 'cache-control': 'no-store' }).end(text);
  };
}
