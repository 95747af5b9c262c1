import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every metric the service exposes on `GET /metrics`, in one registry, each a named export that any
 * part may import and update. Gauges that describe the database (outbox, deliveries) are set on each
 * scrape; the rest are counted where the work happens.
 */
export const metricsRegistry = new Registry();

const registers = [metricsRegistry];

export const tickDuration = new Histogram({
  name: 'floodwatch_tick_duration_seconds',
  help: 'Duration of the poll ticks this replica ran, by kind (steady or full reconcile).',
  labelNames: ['kind'] as const,
  buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  registers,
});

export const ticksSkipped = new Counter({
  name: 'floodwatch_ticks_skipped_total',
  help: 'Ticks this replica skipped, by reason: another replica polls, or the slot was polled already.',
  labelNames: ['reason'] as const,
  registers,
});

export const hubRequests = new Counter({
  name: 'floodwatch_hub_requests_total',
  help: 'Requests to the Hub API, by HTTP status ("error" when no answer came).',
  labelNames: ['status'] as const,
  registers,
});

export const hubRateLimited = new Counter({
  name: 'floodwatch_hub_rate_limited_total',
  help: 'Hub answers with status 429.',
  registers,
});

export const hubRateBudget = new Gauge({
  name: 'floodwatch_hub_rate_budget_remaining',
  help:
    'Hub API requests the shared rate budget lets start now: its own free slots, ' +
    'no more than the Hub last said is left, 0 while the Hub asks to wait.',
  registers,
});

export const releasesCreated = new Counter({
  name: 'floodwatch_releases_created_total',
  help: 'Releases this replica found and wrote (each with its deliveries).',
  registers,
});

export const deliveriesByState = new Gauge({
  name: 'floodwatch_deliveries',
  help: 'Deliveries in the outbox, by state and platform.',
  labelNames: ['state', 'platform'] as const,
  registers,
});

export const outboxDepth = new Gauge({
  name: 'floodwatch_outbox_depth',
  help: 'Deliveries waiting to be sent (pending or being sent), paused subscriptions left out.',
  registers,
});

export const outboxOldestPendingAge = new Gauge({
  name: 'floodwatch_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest delivery waiting to be sent (0 when none waits).',
  registers,
});

export const commandDuration = new Histogram({
  name: 'floodwatch_command_duration_seconds',
  help: 'Time to answer a slash command, by command and platform.',
  labelNames: ['command', 'platform'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers,
});

export const webhooksReceived = new Counter({
  name: 'floodwatch_hub_webhooks_total',
  help: 'Hub webhook requests, by outcome (poll, ignored, unauthorized, bad-request).',
  labelNames: ['outcome'] as const,
  registers,
});
