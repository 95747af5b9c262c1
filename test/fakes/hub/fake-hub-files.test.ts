import { modelInfo } from '@huggingface/hub';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeHub, makeRepo, startFakeHub } from './index.js';

const TOKEN = 'hf_acme_reader';

describe('fake Hub files and providers', () => {
  let hub: FakeHub;

  beforeEach(async () => {
    hub = await startFakeHub({ tokens: { [TOKEN]: ['acme'] } });
  });

  afterEach(async () => {
    await hub.close();
  });

  it('serves repo files at resolve/main, a missing one as EntryNotFound, a private repo to its org only', async () => {
    hub.put(
      makeRepo({ org: 'acme', name: 'Wide-7B', files: { 'config.json': '{"max_position_embeddings":4096}' } }),
      makeRepo({ org: 'acme', name: 'Secret-7B', private: true, files: { 'README.md': 'hidden' } }),
    );

    const config = await fetch(`${hub.url}/acme/Wide-7B/resolve/main/config.json`);
    const card = await fetch(`${hub.url}/acme/Wide-7B/resolve/main/README.md`);
    const secret = await fetch(`${hub.url}/acme/Secret-7B/resolve/main/README.md`);
    const shown = await fetch(`${hub.url}/acme/Secret-7B/resolve/main/README.md`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });

    expect(config.status).toBe(200);
    expect(await config.json()).toEqual({ max_position_embeddings: 4096 });
    expect(card.status).toBe(404);
    expect(card.headers.get('x-error-code')).toBe('EntryNotFound');
    expect(secret.status).toBe(404);
    expect(await shown.text()).toBe('hidden');
    expect(hub.unknownRoutes).toEqual([]);
  });

  it('answers inferenceProviderMapping as stored, and can leave it out of listings only', async () => {
    const mapping = [{ provider: 'together', status: 'live', providerId: 'acme/wide', task: 'conversational' }];
    hub.put(makeRepo({ org: 'acme', name: 'Wide-7B', inferenceProviderMapping: mapping }));
    hub.omitFromListings(['inferenceProviderMapping']);

    const info = await modelInfo({
      hubUrl: hub.url,
      name: 'acme/Wide-7B',
      additionalFields: ['inferenceProviderMapping'] as unknown as ['createdAt'],
    });
    const listing = await fetch(`${hub.url}/api/models?author=acme&expand=inferenceProviderMapping`);
    const listed = (await listing.json()) as Record<string, unknown>[];

    // The client hands the mapping on as a list, adding the model's id to each entry.
    expect((info as unknown as { inferenceProviderMapping: unknown }).inferenceProviderMapping).toEqual([
      expect.objectContaining(mapping[0]),
    ]);
    expect(listed[0]).not.toHaveProperty('inferenceProviderMapping');
  });
});
