import { describe, expect, it } from 'vitest';
import { hubSample as sample } from '../../helpers/hub-samples.js';
import { type FakeRepo, LEGACY_CREATED_AT, makeOrg, makeRepo } from './index.js';

describe('fixture builders', () => {
  it('makeRepo builds a full, deterministic record with typed lineage', () => {
    const repo = makeRepo({ org: 'acme', name: 'Wide-7B-Instruct-GGUF', baseModel: 'acme/Wide-7B-Instruct' });
    expect(makeRepo({ org: 'acme', name: 'Wide-7B-Instruct-GGUF', baseModel: 'acme/Wide-7B-Instruct' })).toEqual(repo);
    expect(repo._id).toMatch(/^[0-9a-f]{24}$/);
    expect(repo.tags).toContain('base_model:quantized:acme/Wide-7B-Instruct');
    expect(repo.safetensors).toBeUndefined(); // GGUF ships no safetensors
    expect(repo.siblings?.some((s) => s.rfilename.endsWith('Q4_K_M.gguf'))).toBe(true);

    const adapter = makeRepo({
      org: 'acme',
      name: 'Wide-7B-lora',
      baseModel: 'acme/Wide-7B',
      relation: 'adapter',
      params: 7.6e9,
    });
    expect(adapter.tags).toEqual(
      expect.arrayContaining([
        'transformers',
        'safetensors',
        'text-generation',
        'license:apache-2.0',
        'base_model:adapter:acme/Wide-7B',
      ]),
    );
    expect(adapter.safetensors?.total).toBe(7.6e9);
    expect(adapter.siblings?.map((s) => s.rfilename)).toContain('model-00001-of-00004.safetensors');
  });

  it('makeOrg models a lab: families, sizes, quantized variants, long-tailed popularity, private newest', () => {
    const repos: FakeRepo[] = makeOrg('Qwen', 300, { startDate: '2023-08-01T00:00:00.000Z', privateNewest: 2 });
    expect(makeOrg('Qwen', 300, { startDate: '2023-08-01T00:00:00.000Z', privateNewest: 2 })).toEqual(repos);
    expect(repos).toHaveLength(300);
    expect(new Set(repos.map((r) => r.id)).size).toBe(300);
    expect(new Set(repos.map((r) => r._id)).size).toBe(300);
    const times = repos.map((r) => Date.parse(r.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(365 * 86_400_000);
    expect(repos.some((r) => /-\d+(\.\d+)?B-Instruct$/.test(r.id))).toBe(true);
    expect(repos.some((r) => /-(FP8|GGUF|AWQ)$/.test(r.id))).toBe(true);
    const fp8 = repos.find((r) => r.id.endsWith('-FP8'));
    expect(fp8?.tags?.some((t) => t === `base_model:quantized:${fp8.id.replace(/-FP8$/, '')}`)).toBe(true);
    expect(repos.filter((r) => r.private).map((r) => r.id)).toEqual(repos.slice(-2).map((r) => r.id));
    const downloads = repos.map((r) => r.downloads ?? 0).sort((a, b) => b - a);
    expect(downloads[0]!).toBeGreaterThan(10 * downloads[150]!);
  });

  it('makeOrg gives history its shape: legacy-dated oldest repos and derivative counts shaped like the Hub', () => {
    const repos = makeOrg('Qwen', 120, { startDate: '2023-08-01T00:00:00.000Z', undatedOldest: 5 });
    const legacy = repos.filter((r) => r.createdAt.startsWith('2022-03-02T23:29:0'));
    expect(legacy.map((r) => r.id)).toEqual(repos.slice(0, 5).map((r) => r.id));
    expect(legacy[1]!.createdAt).toBe(LEGACY_CREATED_AT);
    // The creation second is in the _id, as on the Hub: legacy repos carry the import's.
    expect(parseInt(legacy[0]!._id.slice(0, 8), 16)).toBe(Date.parse(legacy[0]!.createdAt) / 1000);

    const real = sample('info-expand16-meta-llama__Llama-3.1-8B.json').childrenModelCount as Record<string, number>;
    const withChildren = repos.filter((r) => r.childrenModelCount !== undefined);
    expect(withChildren.length).toBeGreaterThan(10);
    for (const repo of withChildren)
      expect(Object.keys(repo.childrenModelCount!).sort()).toEqual(Object.keys(real).sort());
    expect(repos.filter((r) => /-(FP8|GGUF|AWQ)$/.test(r.id)).every((r) => r.childrenModelCount === undefined)).toBe(
      true,
    );
    expect(repos.every((r) => (r.downloadsAllTime ?? 0) >= (r.downloads ?? 0))).toBe(true);
  });
});
