import { describe, expect, it } from 'vitest';
import { groupHistory, historyDate } from '../../src/worker/history/group-history.js';
import { isUndated } from '../../src/worker/history/legacy-date.js';

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000);
const LEGACY = new Date('2022-03-02T23:29:05.000Z');

function repos(groups: { repo: string }[][]): string[][] {
  return groups.map((g) => g.map((i) => i.repo).sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

describe('groupHistory', () => {
  it('puts a family created within a week in one release and its next generation apart', () => {
    const items = [
      { repo: 'Qwen/Qwen3-8B', createdAt: day(0), isVariant: false },
      { repo: 'Qwen/Qwen3-235B-A22B-Instruct', createdAt: day(2), isVariant: false },
      { repo: 'Qwen/Qwen3-32B', createdAt: day(6), isVariant: false },
      { repo: 'Qwen/Qwen3-4B', createdAt: day(40), isVariant: false },
      { repo: 'Qwen/QwQ-32B', createdAt: day(1), isVariant: false },
    ];

    expect(repos(groupHistory(items))).toEqual([
      ['Qwen/QwQ-32B'],
      ['Qwen/Qwen3-235B-A22B-Instruct', 'Qwen/Qwen3-32B', 'Qwen/Qwen3-8B'],
      ['Qwen/Qwen3-4B'],
    ]);
  });

  it('anchors the window at the first repo, so a steady trickle does not become one endless release', () => {
    const items = [0, 5, 10, 15].map((n) => ({ repo: `org/Gem-${n + 1}B`, createdAt: day(n), isVariant: false }));

    expect(repos(groupHistory(items))).toEqual([
      ['org/Gem-11B', 'org/Gem-16B'],
      ['org/Gem-1B', 'org/Gem-6B'],
    ]);
  });

  it('folds a variant into its parent however much later it came, without joining the parent to others', () => {
    const items = [
      { repo: 'Qwen/Qwen2-7B', createdAt: day(0), isVariant: false },
      { repo: 'Qwen/Qwen2-72B', createdAt: day(60), isVariant: false },
      { repo: 'Qwen/Qwen2-7B-GGUF', createdAt: day(58), isVariant: true, parentRepo: 'qwen/qwen2-7b' },
    ];

    expect(repos(groupHistory(items))).toEqual([['Qwen/Qwen2-72B'], ['Qwen/Qwen2-7B', 'Qwen/Qwen2-7B-GGUF']]);
  });

  it('joins a finetune to its base only when they came out together', () => {
    const items = [
      { repo: 'org/Alpha', createdAt: day(0), isVariant: false },
      { repo: 'org/Beta-distill', createdAt: day(1), isVariant: false, parentRepo: 'org/Alpha' },
      { repo: 'org/Gamma-tuned', createdAt: day(90), isVariant: false, parentRepo: 'org/Alpha' },
    ];

    expect(repos(groupHistory(items))).toEqual([['org/Alpha', 'org/Beta-distill'], ['org/Gamma-tuned']]);
  });

  it('groups undated repos of one family together and never with dated ones', () => {
    const items = [
      { repo: 'facebook/opt-125m', createdAt: LEGACY, isVariant: false },
      { repo: 'facebook/opt-1.3b', createdAt: LEGACY, isVariant: false },
      { repo: 'facebook/opt-iml-30b', createdAt: day(3), isVariant: false },
      { repo: 'facebook/opt-66b', createdAt: day(5), isVariant: false },
    ];

    const groups = groupHistory(items);

    expect(repos(groups)).toEqual([
      ['facebook/opt-1.3b', 'facebook/opt-125m'],
      ['facebook/opt-66b'],
      ['facebook/opt-iml-30b'],
    ]);
    expect(historyDate(groups.find((g) => g.length === 2)!)).toBeUndefined();
    expect(historyDate(groups.find((g) => g[0]!.repo === 'facebook/opt-66b')!)).toEqual(day(5));
  });
});

describe('historyDate and the legacy date', () => {
  it('dates a release by its first original, not by a variant that came before it', () => {
    const group = [
      { repo: 'o/M-7B', createdAt: day(4), isVariant: false },
      { repo: 'o/M-7B-FP8', createdAt: day(1), isVariant: true },
      { repo: 'o/M-72B', createdAt: day(3), isVariant: false },
    ];
    expect(historyDate(group)).toEqual(day(3));
  });

  it('treats the import seconds of 2022-03-02 23:29 and a missing date as undated, a second later as dated', () => {
    expect(isUndated(new Date('2022-03-02T23:29:04.000Z'))).toBe(true);
    expect(isUndated(new Date('2022-03-02T23:29:05.000Z'))).toBe(true);
    expect(isUndated(null)).toBe(true);
    expect(isUndated(new Date('2022-03-02T23:30:00.000Z'))).toBe(false);
    expect(isUndated(new Date('2022-03-01T10:00:00.000Z'))).toBe(false);
  });
});
