import { HubApiError, listModels, modelInfo } from '@huggingface/hub';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeHub, makeOrg, makeRepo, startFakeHub } from './index.js';

const TOKEN = 'hf_acme_reader';
const JSON_TYPE = 'application/json; charset=utf-8';

interface Seen {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

/** A fetch for the client that keeps a copy of every raw answer, to check what went over the wire. */
function capture(inner: typeof fetch = fetch): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const res = await inner(input, init);
    seen.push({ url: res.url, status: res.status, headers: res.headers, body: await res.clone().text() });
    return res;
  };
  return { fetch: wrapped, seen };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

async function hubError(promise: Promise<unknown>): Promise<HubApiError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(HubApiError);
  return error as HubApiError;
}

function day(n: number): string {
  return new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('fake Hugging Face Hub driven by the real @huggingface/hub client', () => {
  let hub: FakeHub;

  beforeEach(async () => {
    hub = await startFakeHub({ tokens: { [TOKEN]: ['acme'] } });
  });

  afterEach(async () => {
    await hub.close();
  });

  it('lists an org newest first by createdAt, sending only the expanded fields', async () => {
    hub.put(
      makeRepo({ org: 'acme', name: 'Alpha-7B', createdAt: day(0) }),
      makeRepo({ org: 'acme', name: 'Gamma-7B', createdAt: day(400) }),
      makeRepo({ org: 'acme', name: 'Beta-7B', createdAt: day(200) }),
      makeRepo({ org: 'acme', name: 'Gone-7B', createdAt: day(500), disabled: true }),
      makeRepo({ org: 'other', name: 'Other-7B', createdAt: day(300) }),
    );
    const { fetch, seen } = capture();

    const models = await collect(
      listModels({
        hubUrl: hub.url,
        fetch,
        search: { owner: 'ACME' },
        sort: 'createdAt',
        additionalFields: ['createdAt'],
      }),
    );

    expect(models.map((m) => m.name)).toEqual(['acme/Gamma-7B', 'acme/Beta-7B', 'acme/Alpha-7B']);
    const gamma = hub.repos().find((r) => r.id === 'acme/Gamma-7B');
    expect(models[0]).toMatchObject({
      id: gamma?._id,
      createdAt: day(400),
      private: false,
      gated: false,
      task: 'text-generation',
    });
    expect(models[0]?.updatedAt).toEqual(new Date(gamma?.lastModified ?? ''));

    const [answer] = seen;
    const raw = JSON.parse(answer?.body ?? '[]') as Record<string, unknown>[];
    for (const item of raw) {
      expect(Object.keys(item).sort()).toEqual(
        ['_id', 'id', 'pipeline_tag', 'private', 'gated', 'downloads', 'likes', 'lastModified', 'createdAt'].sort(),
      );
    }
    expect(answer?.headers.get('content-type')).toBe(JSON_TYPE);
    expect(answer?.headers.get('ratelimit')).toMatch(/^"api";r=\d+;t=\d+$/);
    expect(answer?.headers.get('ratelimit-policy')).toBe('"fixed window";"api";q=100000;w=300');
    expect(answer?.headers.get('link')).toBeNull();

    const [request] = hub.requests;
    expect(request?.query.get('author')).toBe('ACME');
    expect(request?.query.get('sort')).toBe('createdAt');
    expect(request?.query.getAll('expand')).toContain('createdAt');
    expect(request?.bytes).toBe(Buffer.byteLength(answer?.body ?? ''));
  });

  it('answers the default field set without expand, and filters, sorts and breaks ties like the Hub', async () => {
    hub.put(
      makeRepo({ org: 'acme', name: 'Chat-7B', downloads: 50, pipeline_tag: 'text-generation' }),
      makeRepo({ org: 'acme', name: 'Vision-7B', downloads: 900, pipeline_tag: 'image-text-to-text' }),
      makeRepo({ org: 'acme', name: 'Tie-A', _id: 'aaaaaaaaaaaaaaaaaaaaaaaa', downloads: 300 }),
      makeRepo({ org: 'acme', name: 'Tie-B', _id: 'bbbbbbbbbbbbbbbbbbbbbbbb', downloads: 300 }),
    );

    const plain = await fetch(`${hub.url}/api/models?author=acme`);
    const items = (await plain.json()) as Record<string, unknown>[];
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(
      [
        '_id',
        'id',
        'likes',
        'trendingScore',
        'private',
        'downloads',
        'tags',
        'pipeline_tag',
        'library_name',
        'createdAt',
        'modelId',
      ].sort(),
    );

    const byDownloads = await collect(listModels({ hubUrl: hub.url, search: { owner: 'acme' }, sort: 'downloads' }));
    expect(byDownloads.map((m) => m.name)).toEqual(['acme/Vision-7B', 'acme/Tie-A', 'acme/Tie-B', 'acme/Chat-7B']);

    const vision = await collect(
      listModels({ hubUrl: hub.url, search: { owner: 'acme', task: 'image-text-to-text' } }),
    );
    expect(vision.map((m) => m.name)).toEqual(['acme/Vision-7B']);
    const searched = await collect(listModels({ hubUrl: hub.url, search: { query: 'tie-' }, sort: 'id' }));
    expect(searched.map((m) => m.name)).toEqual(['acme/Tie-B', 'acme/Tie-A']);

    const badExpand = await fetch(`${hub.url}/api/models?expand=created_at`);
    expect(badExpand.status).toBe(400);
  });

  it('follows the Link header across pages; repos added or removed meanwhile do not shift the next page', async () => {
    const repos = Array.from({ length: 25 }, (_, i) =>
      makeRepo({ org: 'acme', name: `M${String(i).padStart(2, '0')}-7B`, createdAt: day(i) }),
    );
    hub.put(...repos);
    const newestFirst = repos.map((r) => r.id).reverse();
    let calls = 0;
    // The client always asks for 500; shrink the first page so the fake has to paginate.
    const paged: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      if (url.searchParams.get('limit') === '500') url.searchParams.set('limit', '10');
      const res = await fetch(url, init);
      calls++;
      if (calls === 1) {
        hub.put(makeRepo({ org: 'acme', name: 'Late-7B', createdAt: day(1000) }));
        const lastSent = repos.find((r) => r.id === newestFirst[9]);
        if (lastSent) hub.remove(lastSent._id);
      }
      return res;
    };
    const { fetch: capturing, seen } = capture(paged);

    const models = await collect(
      listModels({
        hubUrl: hub.url,
        fetch: capturing,
        search: { owner: 'acme' },
        sort: 'createdAt',
        additionalFields: ['createdAt'],
      }),
    );

    expect(models.map((m) => m.name)).toEqual(newestFirst);
    expect(hub.requests).toHaveLength(3);
    expect(hub.requests.map((r) => r.query.get('limit'))).toEqual(['10', '10', '10']);
    expect(hub.requests[0]?.query.has('cursor')).toBe(false);
    for (const request of hub.requests.slice(1)) {
      expect(request.query.get('cursor')).toMatch(/^[\w-]+$/);
      expect(request.query.get('author')).toBe('acme');
      expect(request.query.getAll('expand')).toEqual(hub.requests[0]?.query.getAll('expand'));
    }
    const link = seen[0]?.headers.get('link') ?? '';
    expect(link).toMatch(new RegExp(`^<${hub.url}/api/models\\?[^>]*cursor=[^>]+>; rel="next"$`));
    expect(seen[2]?.headers.get('link')).toBeNull();
  });

  it('pages at most 1000 items, 1000 when no limit is given, and the client stops at its own limit', async () => {
    hub.put(...makeOrg('bigco', 1001, { startDate: '2022-01-01T00:00:00.000Z' }));

    const unlimited = await fetch(`${hub.url}/api/models?author=bigco&sort=createdAt`);
    expect(((await unlimited.json()) as unknown[]).length).toBe(1000);
    expect(unlimited.headers.get('link')).toContain('cursor=');
    const capped = await fetch(`${hub.url}/api/models?author=bigco&limit=5000&expand=createdAt`);
    expect(((await capped.json()) as unknown[]).length).toBe(1000);

    hub.resetRequests();
    const three = await collect(
      listModels({ hubUrl: hub.url, search: { owner: 'bigco' }, sort: 'createdAt', limit: 3 }),
    );
    expect(three).toHaveLength(3);
    expect(hub.requests).toHaveLength(1);
    expect(hub.requests[0]?.query.get('limit')).toBe('3');
  });

  it('hides private repos from anonymous callers and shows them to a token of their org', async () => {
    hub.put(
      makeRepo({ org: 'acme', name: 'Open-7B', createdAt: day(1) }),
      makeRepo({ org: 'acme', name: 'Secret-7B', createdAt: day(2), private: true }),
      makeRepo({ org: 'other', name: 'Hidden-7B', createdAt: day(3), private: true }),
    );

    const anonymous = await collect(listModels({ hubUrl: hub.url, search: { owner: 'acme' } }));
    expect(anonymous.map((m) => m.name)).toEqual(['acme/Open-7B']);
    expect((await hubError(modelInfo({ hubUrl: hub.url, name: 'acme/Secret-7B' }))).statusCode).toBe(404);

    const authed = await collect(listModels({ hubUrl: hub.url, accessToken: TOKEN, sort: 'createdAt' }));
    expect(authed.map((m) => [m.name, m.private])).toEqual([
      ['acme/Secret-7B', true],
      ['acme/Open-7B', false],
    ]);
    const secret = await modelInfo({ hubUrl: hub.url, name: 'acme/Secret-7B', accessToken: TOKEN });
    expect(secret.private).toBe(true);
    expect(
      (await hubError(modelInfo({ hubUrl: hub.url, name: 'other/Hidden-7B', accessToken: TOKEN }))).statusCode,
    ).toBe(404);
    expect(hub.requests.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);

    const wrongToken = await hubError(collect(listModels({ hubUrl: hub.url, accessToken: 'hf_unknown' })));
    expect(wrongToken.statusCode).toBe(401);
    expect(wrongToken.message).toContain('Invalid credentials in Authorization header');

    const strict = await startFakeHub({ anonymousNotFoundStatus: 401 });
    try {
      expect((await hubError(modelInfo({ hubUrl: strict.url, name: 'acme/Nothing' }))).statusCode).toBe(401);
    } finally {
      await strict.close();
    }
  });

  it('keeps _id across a rename, redirects the old name, and applies updates and removals', async () => {
    const repo = makeRepo({ org: 'THUDM', name: 'glm-4-9b', createdAt: day(10) });
    hub.put(repo);

    hub.rename(repo._id, 'zai-org/glm-4-9b');
    const [renamed] = await collect(listModels({ hubUrl: hub.url, search: { owner: 'zai-org' } }));
    expect(renamed).toMatchObject({ id: repo._id, name: 'zai-org/glm-4-9b' });
    expect(await collect(listModels({ hubUrl: hub.url, search: { owner: 'THUDM' } }))).toEqual([]);
    expect(hub.repos()[0]).toMatchObject({ _id: repo._id, id: 'zai-org/glm-4-9b', author: 'zai-org' });

    const viaOldName = await modelInfo({ hubUrl: hub.url, name: 'THUDM/glm-4-9b' });
    expect(viaOldName).toMatchObject({ id: repo._id, name: 'zai-org/glm-4-9b' });
    expect(hub.requests.slice(-2).map((r) => [r.path, r.status])).toEqual([
      ['/api/models/THUDM/glm-4-9b/revision/HEAD', 307],
      ['/api/models/zai-org/glm-4-9b/revision/HEAD', 200],
    ]);

    hub.update(repo._id, { downloads: 12_345 });
    expect((await modelInfo({ hubUrl: hub.url, name: 'zai-org/glm-4-9b' })).downloads).toBe(12_345);
    hub.remove(repo._id);
    expect((await hubError(modelInfo({ hubUrl: hub.url, name: 'zai-org/glm-4-9b' }))).statusCode).toBe(404);
    expect((await hubError(modelInfo({ hubUrl: hub.url, name: 'THUDM/glm-4-9b' }))).statusCode).toBe(404);
  });

  it('answers modelInfo with the expanded fields, a rich default, and Hub errors', async () => {
    const base = makeRepo({ org: 'acme', name: 'Wide-72B-Instruct' });
    const quant = makeRepo({ org: 'acme', name: 'Wide-72B-Instruct-FP8', baseModel: base.id, params: 72e9 });
    hub.put(base, quant, makeRepo({ org: 'acme', name: 'Off-7B', disabled: true }));
    const { fetch, seen } = capture();

    const info = await modelInfo({
      hubUrl: hub.url,
      fetch,
      name: quant.id,
      additionalFields: ['safetensors', 'cardData', 'tags'],
    });

    expect(info).toMatchObject({
      id: quant._id,
      name: quant.id,
      cardData: { license: 'apache-2.0', base_model: base.id },
    });
    expect(info.safetensors?.total).toBe(72e9);
    expect(Object.keys(info.safetensors?.parameters ?? {})).toEqual(['F8_E4M3', 'BF16']);
    expect(info.tags).toEqual(
      expect.arrayContaining([`base_model:${base.id}`, `base_model:quantized:${base.id}`, 'fp8', 'region:us']),
    );
    const wire = JSON.parse(seen[0]?.body ?? '{}') as Record<string, unknown>;
    expect(Object.keys(wire).sort()).toEqual(
      [
        '_id',
        'id',
        'pipeline_tag',
        'private',
        'gated',
        'downloads',
        'likes',
        'lastModified',
        'safetensors',
        'cardData',
        'tags',
      ].sort(),
    );

    const rich = (await (await fetch(`${hub.url}/api/models/${quant.id}`)).json()) as Record<string, unknown>;
    expect(rich).toMatchObject({ _id: quant._id, modelId: quant.id, author: 'acme', sha: quant.sha, disabled: false });
    expect((rich.siblings as unknown[]).length).toBeGreaterThanOrEqual(10);
    expect(await (await fetch(`${hub.url}/api/models/${quant.id}/revision/${quant.sha}?expand=sha`)).json()).toEqual({
      _id: quant._id,
      id: quant.id,
      sha: quant.sha,
    });

    const missing = await hubError(modelInfo({ hubUrl: hub.url, name: 'acme/Nope' }));
    expect(missing.statusCode).toBe(404);
    expect(missing.message).toContain('Repository not found');
    expect((await hubError(modelInfo({ hubUrl: hub.url, name: quant.id, revision: 'v9' }))).statusCode).toBe(404);
    expect((await hubError(modelInfo({ hubUrl: hub.url, name: 'acme/Off-7B' }))).statusCode).toBe(403);
  });

  it('answers a route it does not serve like the Hub, and fails the test that asked for it', async () => {
    const unknownRoute = await fetch(`${hub.url}/api/spaces`);
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers.get('content-type')).toBe(JSON_TYPE);
    expect(await unknownRoute.json()).toHaveProperty('error');
    expect(unknownRoute.headers.get('ratelimit')).not.toBeNull();
    await fetch(`${hub.url}/api/models`, { method: 'POST' });

    expect(hub.unknownRoutes).toEqual(['GET /api/spaces', 'POST /api/models']);
    await expect(hub.close()).rejects.toThrow(
      'the fake Hub was asked for routes it does not serve: GET /api/spaces, POST /api/models',
    );

    const lenient = await startFakeHub({ allowUnknownRoutes: true });
    await fetch(`${lenient.url}/api/spaces`);
    await expect(lenient.close()).resolves.toBeUndefined();
  });

  describe('faults', () => {
    beforeEach(() => {
      hub.put(...Array.from({ length: 5 }, (_, i) => makeRepo({ org: 'acme', name: `F${i}-7B`, createdAt: day(i) })));
    });

    it('answers a queued 429 with rate-limit headers, once', async () => {
      hub.fault({ kind: 'status', status: 429, headers: { 'Retry-After': '7' }, match: { author: 'acme' } });
      const { fetch, seen } = capture();

      expect((await collect(listModels({ hubUrl: hub.url, fetch, search: { owner: 'other' } }))).length).toBe(0);
      const error = await hubError(collect(listModels({ hubUrl: hub.url, fetch, search: { owner: 'acme' } })));

      expect(error.statusCode).toBe(429);
      const limited = seen[1];
      expect(limited?.headers.get('ratelimit')).toBe('"api";r=0;t=1');
      expect(limited?.headers.get('ratelimit-policy')).toContain('"fixed window"');
      expect(limited?.headers.get('retry-after')).toBe('7');
      expect(hub.requests[1]).toMatchObject({ status: 429, fault: 'status' });
      expect(await collect(listModels({ hubUrl: hub.url, search: { owner: 'acme' } }))).toHaveLength(5);
    });

    it('spends the real window: 429 once remaining hits 0, until the reset', async () => {
      hub.setRateLimit({ limit: 2, resetSeconds: 0.2 });
      const { fetch, seen } = capture();
      const info = () => modelInfo({ hubUrl: hub.url, fetch, name: 'acme/F0-7B' });

      await info();
      await info();
      expect((await hubError(info())).statusCode).toBe(429);
      expect(seen.map((s) => s.headers.get('ratelimit'))).toEqual(['"api";r=1;t=1', '"api";r=0;t=1', '"api";r=0;t=1']);
      await sleep(250);
      await info();
      expect(seen.at(-1)?.headers.get('ratelimit')).toBe('"api";r=1;t=300');
      expect(seen.at(-1)?.headers.get('ratelimit-policy')).toBe('"fixed window";"api";q=2;w=300');
    });

    it('answers 5xx as queued, only on matching paths', async () => {
      hub.fault({ kind: 'status', status: 500, times: 2, match: { path: /^\/api\/models\/acme\// } });
      hub.fault({ kind: 'status', status: 503, body: 'upstream down' });
      const info = () => modelInfo({ hubUrl: hub.url, name: 'acme/F1-7B' });

      expect((await hubError(info())).statusCode).toBe(500);
      expect((await hubError(collect(listModels({ hubUrl: hub.url })))).statusCode).toBe(503);
      const second = await hubError(info());
      expect(second.statusCode).toBe(500);
      expect(second.data).toEqual({ error: 'Internal Server Error' });
      expect((await info()).name).toBe('acme/F1-7B');
    });

    it('sends a 200 whose body is not JSON, and the client throws', async () => {
      hub.fault({ kind: 'malformed-json' });
      const error = await failure(collect(listModels({ hubUrl: hub.url, search: { owner: 'acme' } })));
      expect(error).toBeInstanceOf(SyntaxError);
      expect(hub.requests[0]).toMatchObject({ status: 200, fault: 'malformed-json' });
    });

    it('breaks one item of a listing among good ones', async () => {
      hub.fault({ kind: 'malformed-item' });
      const models = await collect(
        listModels({ hubUrl: hub.url, search: { owner: 'acme' }, sort: 'createdAt', additionalFields: ['createdAt'] }),
      );
      expect(models).toHaveLength(5);
      const broken = models.filter((m) => m.id === undefined);
      expect(broken).toHaveLength(1);
      expect(broken[0]?.createdAt).toBe('not-a-date');
      expect(models.filter((m) => typeof m.id === 'string' && !Number.isNaN(Date.parse(m.createdAt)))).toHaveLength(4);
    });

    it('hangs until the client times out, and close() ends hung requests', async () => {
      hub.fault({ kind: 'hang', times: 2 });
      const timed: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(150) });

      const error = await failure(modelInfo({ hubUrl: hub.url, fetch: timed, name: 'acme/F0-7B' }));
      expect(error).toMatchObject({ name: 'TimeoutError' });
      expect(hub.requests[0]).toMatchObject({ status: 0, fault: 'hang' });

      const stuck = failure(modelInfo({ hubUrl: hub.url, name: 'acme/F0-7B' }));
      while (hub.requests.length < 2) await sleep(5);
      await hub.close();
      expect(await stuck).toBeInstanceOf(TypeError); // undici's "fetch failed"
    });

    it('delays an answer, then answers normally', async () => {
      hub.fault({ kind: 'delay', ms: 200 });
      const started = Date.now();
      const info = await modelInfo({ hubUrl: hub.url, name: 'acme/F2-7B' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(info.name).toBe('acme/F2-7B');
      expect(hub.requests[0]).toMatchObject({ status: 200, fault: 'delay' });
    });
  });
});
