import { describe, expect, it } from 'vitest';
import { classify } from '../../src/worker/classify.js';
import { familyKey, stripFormatSuffix } from '../../src/worker/repo-names.js';
import { lineageFromTags } from '../../src/sources/hf-hub/lineage.js';

const qwen = new Set(['qwen', 'wan-ai']);

describe('lineageFromTags', () => {
  it('reads the typed base-model tag and puts its base first', () => {
    const lineage = lineageFromTags([
      'transformers',
      'base_model:Qwen/Qwen3-8B-Base',
      'base_model:Qwen/Qwen3-8B',
      'base_model:quantized:Qwen/Qwen3-8B',
    ]);
    expect(lineage).toEqual({ baseModels: ['Qwen/Qwen3-8B', 'Qwen/Qwen3-8B-Base'], relation: 'quantized' });
  });

  it('falls back to the model card and ignores malformed ids', () => {
    expect(lineageFromTags(['base_model:not a repo'], ['deepseek-ai/DeepSeek-V3', 'junk'])).toEqual({
      baseModels: ['deepseek-ai/DeepSeek-V3'],
      relation: undefined,
    });
  });
});

describe('classify', () => {
  it('treats a quantization as a variant of its base, whoever made the base', () => {
    const result = classify('Qwen/Qwen3-8B-AWQ', { baseModels: ['Qwen/Qwen3-8B'], relation: 'quantized' }, qwen);
    expect(result).toMatchObject({ isVariant: true, parentRepo: 'Qwen/Qwen3-8B', why: 'quantized' });
  });

  it('treats a format re-upload without tags as a variant of the stem', () => {
    const result = classify('Qwen/Qwen3-235B-A22B-Instruct-2507-FP8', { baseModels: [] }, qwen);
    expect(result).toMatchObject({ isVariant: true, parentRepo: 'Qwen/Qwen3-235B-A22B-Instruct-2507', why: 'format' });
  });

  it('keeps an Instruct finetune of the lab own Base model a release', () => {
    const result = classify('Qwen/Qwen3-8B', { baseModels: ['Qwen/Qwen3-8B-Base'], relation: 'finetune' }, qwen);
    expect(result).toMatchObject({ isVariant: false, parentRepo: 'Qwen/Qwen3-8B-Base', why: 'finetune' });
  });

  it('folds an adapter of the lab own model but not of another lab model', () => {
    expect(classify('Qwen/Qwen3-8B-lora', { baseModels: ['Qwen/Qwen3-8B'], relation: 'adapter' }, qwen).isVariant).toBe(
      true,
    );
    expect(
      classify('Qwen/llama-lora', { baseModels: ['meta-llama/Llama-3.1-8B'], relation: 'adapter' }, qwen).isVariant,
    ).toBe(false);
  });

  it('treats a same-name copy in another org of the lab as a re-upload', () => {
    const zai = new Set(['zai-org', 'thudm']);
    expect(classify('zai-org/GLM-4.5', { baseModels: ['THUDM/GLM-4.5'] }, zai)).toMatchObject({
      isVariant: true,
      why: 'reupload',
    });
  });

  it('calls a repo with no lineage an original release', () => {
    expect(classify('moonshotai/Kimi-K2-Thinking', { baseModels: [] }, new Set(['moonshotai']))).toEqual({
      isVariant: false,
      why: 'original',
    });
  });
});

describe('repo names', () => {
  it('strips stacked format suffixes and nothing else', () => {
    expect(stripFormatSuffix('Qwen/Qwen3-30B-A3B-GPTQ-Int4')).toBe('Qwen/Qwen3-30B-A3B');
    expect(stripFormatSuffix('unsloth/gpt-oss-20b-bnb-4bit')).toBe('unsloth/gpt-oss-20b');
    expect(stripFormatSuffix('deepseek-ai/DeepSeek-V3.1')).toBeUndefined();
    expect(stripFormatSuffix('mlx-community/FP8')).toBeUndefined();
  });

  it('gives one family key to sizes and roles of one family', () => {
    const keys = ['Qwen/Qwen3-0.6B', 'Qwen/Qwen3-235B-A22B', 'Qwen/Qwen3-8B-Base', 'Qwen/Qwen3-8B-FP8'].map(familyKey);
    expect(new Set(keys)).toEqual(new Set(['qwen3']));
    expect(familyKey('Qwen/Qwen3-Coder-480B-A35B-Instruct')).toBe('qwen3-coder');
    expect(familyKey('google/gemma-3n-E4B-it')).toBe('gemma-3n');
    expect(familyKey('MiniMaxAI/MiniMax-M1-80k')).toBe('minimax-m1');
  });
});
