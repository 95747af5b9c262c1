import { afterEach, describe, expect, it } from 'vitest';
import { healthzHandler, type HealthDeps } from '../../src/endpoints/healthz.js';
import { hubWebhookHandler } from '../../src/endpoints/hub-webhook.js';
import { createHttpServer, type HttpServer } from '../../src/shared/http-server.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeRepo, postWebhook, webhookPayload } from '../fakes/hub/index.js';

const MINUTE = 60_000;
const now = new Date('2026-11-27T08:00:00Z');
let server: HttpServer | undefined;

async function serve(register: (server: HttpServer) => void): Promise<string> {
  server = createHttpServer({ logger: silentLogger() });
  register(server);
  return `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function health(deps: Partial<HealthDeps>) {
  const base = await serve((s) =>
    s.route(
      'GET',
      '/healthz',
      healthzHandler({
        lastTickAt: async () => new Date(now.getTime() - MINUTE),
        startedAt: new Date(now.getTime() - 60 * MINUTE),
        intervalMs: 2 * MINUTE,
        now: () => now,
        ...deps,
      }),
    ),
  );
  const response = await fetch(`${base}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
}

describe('/healthz', () => {
  it('is healthy while the last tick is within three poll intervals', async () => {
    expect(await health({})).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers 503 with the reason when the last tick is older than three intervals', async () => {
    const { status, body } = await health({ lastTickAt: async () => new Date(now.getTime() - 7 * MINUTE) });

    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'unhealthy',
      reason: 'the last tick finished 420 s ago, more than three poll intervals (360 s)',
    });
  });

  it('counts from the start while no tick has finished yet', async () => {
    const fresh = await health({ lastTickAt: async () => undefined, startedAt: new Date(now.getTime() - MINUTE) });
    const stuck = await health({ lastTickAt: async () => undefined });

    expect(fresh.status).toBe(200);
    expect(stuck.body.reason).toContain('no tick has finished yet');
  });

  it('answers 503 when the database fails or does not answer', async () => {
    const failing = await health({
      lastTickAt: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      },
    });
    const silent = await health({ lastTickAt: () => new Promise(() => undefined), timeoutMs: 50 });

    expect(failing).toMatchObject({
      status: 503,
      body: { reason: 'the database is unreachable: connect ECONNREFUSED 127.0.0.1:5432' },
    });
    expect(silent.status).toBe(503);
    expect(silent.body.reason).toContain('did not answer');
  });
});

describe('POST /hooks/huggingface', () => {
  it('answers 503 and does nothing while HF_WEBHOOK_SECRET is not set', async () => {
    const requested: string[] = [];
    const base = await serve((s) =>
      s.route(
        'POST',
        '/hooks/huggingface',
        hubWebhookHandler({
          secret: undefined,
          logger: silentLogger(),
          trackedOrgs: async () => new Set(['deepseek-ai']),
          requestPoll: (org) => requested.push(org),
        }),
      ),
    );

    const { status, body } = await postWebhook(
      `${base}/hooks/huggingface`,
      webhookPayload('create', makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V4' })),
      'anything',
    );

    expect(status).toBe(503);
    expect(body).toEqual({ error: 'Hub webhooks are off here: HF_WEBHOOK_SECRET is not set' });
    expect(requested).toEqual([]);
  });
});
