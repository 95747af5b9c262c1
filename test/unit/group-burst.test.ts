import { describe, expect, it } from 'vitest';
import { groupBurst, pickTitle } from '../../src/worker/group-burst.js';

describe('groupBurst', () => {
  it('puts a family of sizes and its variants in one release and an unrelated model apart', () => {
    const items = [
      { repo: 'Qwen/Qwen3-8B', isVariant: false, params: 8e9 },
      { repo: 'Qwen/Qwen3-235B-A22B', isVariant: false, params: 235e9 },
      { repo: 'Qwen/Qwen3-8B-FP8', isVariant: true, parentRepo: 'Qwen/Qwen3-8B' },
      { repo: 'Qwen/Wan-Like-Video', isVariant: false },
    ];
    const groups = groupBurst(items).map((g) => g.map((i) => i.repo).sort());
    expect(groups).toHaveLength(2);
    expect(groups).toContainEqual(['Qwen/Qwen3-235B-A22B', 'Qwen/Qwen3-8B', 'Qwen/Qwen3-8B-FP8']);
    expect(groups).toContainEqual(['Qwen/Wan-Like-Video']);
  });

  it('joins a repo to the burst repo it derives from even across family names', () => {
    const items = [
      { repo: 'org/Alpha', isVariant: false },
      { repo: 'org/Beta-distill', isVariant: false, parentRepo: 'org/alpha' },
    ];
    expect(groupBurst(items)).toHaveLength(1);
  });
});

describe('pickTitle', () => {
  it('titles a release after its largest original, the shortest name on a tie', () => {
    const group = [
      { repo: 'd/DeepSeek-V4-Base', isVariant: false, params: 685e9 },
      { repo: 'd/DeepSeek-V4', isVariant: false, params: 685e9 },
      { repo: 'd/DeepSeek-V4-FP8-XL', isVariant: true, params: 900e9 },
    ];
    expect(pickTitle(group).repo).toBe('d/DeepSeek-V4');
  });
});
