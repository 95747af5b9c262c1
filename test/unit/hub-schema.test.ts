import { describe, expect, it } from 'vitest';
import { listingSchema, metricsSchema } from '../../src/sources/hf-hub/schema.js';
import { hubSample as sample } from '../helpers/hub-samples.js';

describe('Hub listing fields for history', () => {
  it('reads childrenModelCount, downloadsAllTime and trendingScore as the real Hub sends them', () => {
    const raw = sample('info-expand16-meta-llama__Llama-3.1-8B.json');

    const parsed = metricsSchema.parse({ ...raw, id: raw._id });

    expect(parsed).toMatchObject({
      downloads: 607450,
      likes: 2579,
      trendingScore: 21,
      downloadsAllTime: 28272325,
      childrenModelCount: { finetune: 1498, adapter: 1345, quantized: 334, merge: 71 },
    });
  });

  it('keeps the item when a history field is missing or malformed, dropping only that field', () => {
    const base = { id: '66944f1fe0c5c2e493a804f5', name: 'acme/Wide-7B', downloads: 3, likes: 1 };

    const absent = listingSchema.parse(base);
    const number = listingSchema.parse({ ...base, childrenModelCount: 12, safetensors: 'big', downloadsAllTime: -1 });
    const partial = listingSchema.parse({ ...base, childrenModelCount: { quantized: 4, finetune: 'many' } });

    expect(absent.childrenModelCount).toBeUndefined();
    expect(number).toMatchObject({
      childrenModelCount: undefined,
      safetensors: undefined,
      downloadsAllTime: undefined,
    });
    expect(partial.childrenModelCount).toEqual({ finetune: 0, adapter: 0, quantized: 4, merge: 0 });
  });
});
