import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStart } from '../../src/cli/run-start.js';
import { makeRepo, postWebhook, startFakeHub, webhookPayload, type FakeHub } from '../fakes/hub/index.js';
import { captureStream } from '../helpers/capture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const NEVER = '0 0 1 1 *';
const SECRET = 'a-webhook-secret-of-some-length';
let dir: string;
let hub: FakeHub;
let database: TestDatabase | undefined;
let base: string;
const out = captureStream();
const err = captureStream();
const signals = new EventEmitter();
let running: Promise<number>;

async function waitFor(check: () => boolean, what: string, ms = 90_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const listingsOf = (org: string) =>
  hub.requests.filter((r) => r.path === '/api/models' && r.query.get('author')?.toLowerCase() === org.toLowerCase());
const aboutOther = (org: string) =>
  hub.requests.filter(
    (r) =>
      r.query.get('author')?.toLowerCase() !== org &&
      !r.path.toLowerCase().startsWith(`/api/models/${org}/`) &&
      // A new release's config.json and model card.
      !r.path.toLowerCase().startsWith(`/${org}/`),
  );
const hookUrl = () => `${base}/hooks/huggingface`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fw-http-'));
  hub = await startFakeHub({ rateLimit: { limit: 500, windowSeconds: 300 } });
  hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', createdAt: '2025-01-01T00:00:00Z' }));
  database = process.env.FW_TEST_DB === 'postgres' ? await createTestDatabase() : undefined;
  const env = {
    HF_ENDPOINT: hub.url,
    DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'info',
    POLL_CRON: NEVER,
    RECONCILE_CRON: NEVER,
    METRICS_CRON: NEVER,
    PORT: '0',
    HF_WEBHOOK_SECRET: SECRET,
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
  };
  running = runStart([], { out, err, env }, signals);
  await waitFor(() => err.text().includes('"tick done"'), 'the first tick');
  const port = /"port":(\d+)[^\n]*"http listening"/.exec(err.text())?.[1];
  base = `http://127.0.0.1:${port}`;
}, 180_000);

afterAll(async () => {
  signals.emit('SIGTERM');
  await running;
  await hub.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the service over HTTP', { timeout: 90_000 }, () => {
  it('answers /healthz with 200 once a tick has finished', async () => {
    // The tick's log line comes a moment before its end is recorded.
    let response: Response;
    let body: { status: string; lastTickAt?: string };
    do {
      response = await fetch(`${base}/healthz`);
      body = (await response.json()) as typeof body;
    } while (body.lastTickAt === undefined && (await new Promise((r) => setTimeout(r, 50, true))));

    expect(response.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(new Date(body.lastTickAt!).getTime()).toBeGreaterThan(0);
  });

  it('serves Prometheus metrics: ticks, Hub requests by status and the outbox', async () => {
    const response = await fetch(`${base}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(/^floodwatch_tick_duration_seconds_count\{kind="steady"\} [1-9]/m);
    expect(text).toMatch(/^floodwatch_hub_requests_total\{status="200"\} [1-9]/m);
    expect(text).toMatch(/^floodwatch_outbox_depth 0$/m);
    expect(text).toMatch(/^floodwatch_outbox_oldest_pending_age_seconds 0$/m);
    expect(text).toContain('# TYPE floodwatch_command_duration_seconds histogram');
    // What the budget lets start now: some of its burst of 100, below the ~500 the Hub says are left.
    const left = Number(/^floodwatch_hub_rate_budget_remaining (\d+)$/m.exec(text)?.[1]);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(100);
  });

  it('refuses a webhook without the right secret with 401 and asks the Hub nothing', async () => {
    const repo = makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V4-Secretless' });
    hub.put(repo);
    const before = hub.requests.length;

    const wrong = await postWebhook(hookUrl(), webhookPayload('create', repo), `${SECRET}x`);
    const missing = await postWebhook(hookUrl(), webhookPayload('create', repo), undefined);
    const empty = await postWebhook(hookUrl(), webhookPayload('create', repo), '');
    await new Promise((r) => setTimeout(r, 1_000));

    expect([wrong.status, missing.status, empty.status]).toEqual([401, 401, 401]);
    expect(wrong.body).toEqual({ error: 'wrong or missing X-Webhook-Secret' });
    expect(hub.requests.length).toBe(before);
    hub.remove(repo._id);
  });

  it('answers a body that is not JSON, not a v3 webhook or too large with 400 or 413', async () => {
    const results = await Promise.all([
      postWebhook(hookUrl(), '{"event":', SECRET),
      postWebhook(hookUrl(), { event: 'update', scope: 'repo.content', repo: { type: 'model', name: 'a/b' } }, SECRET),
      postWebhook(hookUrl(), { padding: 'x'.repeat(100_000) }, SECRET),
    ]);

    expect(results.map((r) => r.status)).toEqual([400, 400, 413]);
    expect(results[0]!.body).toEqual({ error: 'the body is not JSON' });
  });

  it('ignores an org nobody tracks and events that are not news', async () => {
    const before = hub.requests.length;
    const untracked = makeRepo({ org: 'some-user', name: 'tiny-model' });

    const results = await Promise.all([
      postWebhook(hookUrl(), webhookPayload('create', untracked), SECRET),
      postWebhook(hookUrl(), webhookPayload('content', makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3' })), SECRET),
    ]);

    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results[0]!.body).toEqual({ ignored: 'some-user is not tracked' });
    expect(hub.requests.length).toBe(before);
  });

  it('polls the org at once for a new repo, coalescing a burst into one alert', async () => {
    const family = ['DeepSeek-V4', 'DeepSeek-V4-Base', 'DeepSeek-V4-FP8'].map((name) =>
      makeRepo({ org: 'deepseek-ai', name, createdAt: '2026-11-27T08:00:00Z' }),
    );
    hub.put(...family);
    const before = listingsOf('deepseek-ai').length;
    const others = aboutOther('deepseek-ai').length;

    const results = await Promise.all(
      family.map((repo) => postWebhook(hookUrl(), webhookPayload('create', repo), SECRET)),
    );
    await waitFor(() => out.text().includes('New release: deepseek-ai/DeepSeek-V4'), 'the alert on the console');
    await new Promise((r) => setTimeout(r, 1_000));

    expect(results.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(results[0]!.body).toEqual({ polling: ['deepseek-ai'] });
    expect(out.text().match(/New release: /g)).toHaveLength(1);
    // One poll of that org for the burst (one more if a webhook came while it ran), none of any other org.
    expect(listingsOf('deepseek-ai').length - before).toBeLessThanOrEqual(2);
    expect(aboutOther('deepseek-ai')).toHaveLength(others);
  });
});
