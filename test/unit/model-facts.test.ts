import { describe, expect, it } from 'vitest';
import { callLine, factLines, formatContext, lineageLine, runLine, shapeLine } from '../../src/format/model-facts.js';
import { formatBytes, weightsMemory } from '../../src/format/weights-memory.js';
import { cardLine } from '../../src/sources/hf-hub/card-line.js';
import { moeSizesFromName, readConfig } from '../../src/sources/hf-hub/model-config.js';
import { parseProviders } from '../../src/sources/hf-hub/providers.js';
import { runtimesOf } from '../../src/sources/hf-hub/runtimes.js';
import { hubSample } from '../helpers/hub-samples.js';

function parametersOf(sample: string): Record<string, number> {
  return (hubSample(sample).safetensors as { parameters: Record<string, number> }).parameters;
}

describe('weights memory', () => {
  it('reckons a BF16 model at its precision, at FP8 and at 4-bit, and the GPUs that hold it', () => {
    const memory = weightsMemory(parametersOf('info-HuggingFaceH4__zephyr-7b-beta.json'));

    expect(memory).toMatchObject({ precision: 'BF16', published: 7241732096 * 2, fp8: 7241732096 });
    expect(memory?.int4).toBe(7241732096 / 2);
    expect(memory?.gpus).toEqual([
      [80, 1],
      [141, 1],
    ]);
    expect(memory?.fitsSmallCard).toBe(true);
    expect(runLine({ paramsByDtype: parametersOf('info-HuggingFaceH4__zephyr-7b-beta.json') })).toBe(
      '14.5 GB BF16 · 7.24 GB FP8 · 3.62 GB 4-bit · 1×80 GB or 1×141 GB GPU (weights only) · ' +
        'fits one 24 GB card at 4-bit',
    );
  });

  it('counts each dtype at its own width: F32 weights with I64 buffers', () => {
    const memory = weightsMemory(parametersOf('info-deepset__roberta-base-squad2.json'));

    expect(memory?.published).toBe(124056578 * 4 + 514 * 8);
    expect(memory?.precision).toBe('F32');
    expect(formatBytes(memory!.published)).toBe('496 MB');
    expect(weightsMemory(parametersOf('info-openai-community__gpt2.json'))?.published).toBe(137022720 * 4);
  });

  it('needs many GPUs for a trillion parameters, and says no small card fits', () => {
    const memory = weightsMemory({ BF16: 1.026e12 });

    expect(memory?.gpus).toEqual([
      [80, 26],
      [141, 15],
    ]);
    expect(memory?.fitsSmallCard).toBe(false);
    expect(runLine({ paramsByDtype: { BF16: 1.026e12 } })).toBe(
      '2.05 TB BF16 · 1.03 TB FP8 · 513 GB 4-bit · 26×80 GB or 15×141 GB GPUs (weights only)',
    );
  });

  it('gives no FP8 estimate for FP8 weights and no estimate at all for packed ones', () => {
    expect(weightsMemory({ F8_E4M3: 6.7e11, BF16: 1.5e10, F32: 1e8 })?.fp8).toBeUndefined();
    const packed = weightsMemory({ I32: 8.4e8, F16: 9.8e8 });
    expect(packed?.int4).toBeUndefined();
    expect(packed?.fp8).toBeUndefined();
  });

  it('leaves the memory unknown without counts or with a dtype of unknown width', () => {
    expect(weightsMemory(undefined)).toBeUndefined();
    expect(weightsMemory({})).toBeUndefined();
    expect(weightsMemory({ F4: 1e9, BF16: 1e8 })).toBeUndefined();
    expect(runLine({ paramsByDtype: null })).toBeUndefined();
  });
});

describe('inference providers', () => {
  const object = hubSample('info-expand-inferenceProviderMapping-meta-llama__Llama-3.1-8B-Instruct.json')
    .inferenceProviderMapping as Record<string, Record<string, string>>;

  it('reads the object keyed by provider', () => {
    const providers = parseProviders(object);

    expect(providers).toContainEqual({ provider: 'fireworks-ai', status: 'live' });
    expect(providers).toContainEqual({ provider: 'hyperbolic', status: 'staging' });
    expect(providers).toHaveLength(6);
  });

  it('reads the list of newer Hub versions to the same answer', () => {
    const list = Object.entries(object).map(([provider, v]) => ({ provider, ...v }));
    const flux = hubSample('info-expand-inferenceProviderMapping-black-forest-labs__FLUX.1-dev.json');

    expect(parseProviders(list)).toEqual(parseProviders(object));
    expect(parseProviders(flux.inferenceProviderMapping)?.map((p) => p.provider)).toContain('fal-ai');
  });

  it('tells an absent field (unknown) from an empty one (none), and names live providers only', () => {
    expect(parseProviders(undefined)).toBeUndefined();
    expect(parseProviders('nonsense')).toBeUndefined();
    expect(parseProviders([])).toEqual([]);
    expect(parseProviders({})).toEqual([]);
    expect(callLine({ providers: parseProviders(object) ?? null })).toBe(
      'fireworks-ai, sambanova, hf-inference, nebius (+1 more)',
    );
    expect(callLine({ providers: [{ provider: 'x', status: 'staging' }] })).toBeUndefined();
  });
});

describe('config.json', () => {
  const kimi = hubSample('config-moonshotai__Kimi-K2-Instruct.json');

  it('reads context and experts, taking the scaled context as written, not times the rope factor', () => {
    expect(readConfig(kimi)).toEqual({ contextLength: 131072, experts: 384, expertsActive: 8 });
  });

  it("reads a multimodal config's language model, never its vision tower", () => {
    const { max_position_embeddings: _, ...text } = kimi;
    const wrapped = { model_type: 'vl', vision_config: { max_position_embeddings: 577 }, text_config: text };
    expect(readConfig({ ...wrapped, text_config: { ...text, max_position_embeddings: 262144 } })).toEqual({
      contextLength: 262144,
      experts: 384,
      expertsActive: 8,
    });
    expect(readConfig(wrapped).contextLength).toBeUndefined();
  });

  it('leaves unknown what a dense or unreadable config does not say', () => {
    expect(readConfig({ max_position_embeddings: 8192, num_hidden_layers: 32 })).toEqual({
      contextLength: 8192,
      experts: undefined,
      expertsActive: undefined,
    });
    expect(readConfig('not json')).toEqual({});
    expect(readConfig({ max_position_embeddings: 'lots' }).contextLength).toBeUndefined();
  });

  it('reads total and active parameters from a mixture-of-experts name', () => {
    expect(moeSizesFromName('Qwen/Qwen3-235B-A22B-Instruct-2507')).toEqual({ total: 235e9, active: 22e9 });
    expect(moeSizesFromName('Qwen/Qwen3-30B-A3B')).toEqual({ total: 30e9, active: 3e9 });
    expect(moeSizesFromName('Qwen/Qwen3-8B')).toBeUndefined();
    expect(moeSizesFromName('org/Model-7B-AWQ')).toBeUndefined();
  });

  it('words shape and context briefly', () => {
    expect(
      shapeLine({ params: 1.026e12, paramsActive: 32e9, experts: 384, expertsActive: 8, contextLength: 131072 }),
    ).toBe('MoE, 1T total, 32B active · 384 experts, 8 per token · context 128K tokens');
    expect(shapeLine({ experts: 128, expertsActive: 8 })).toBe('MoE, 128 experts, 8 per token');
    expect(shapeLine({})).toBeUndefined();
    expect([40960, 1048576, 8000].map(formatContext)).toEqual(['40K', '1M', '8K']);
  });
});

describe('model card line', () => {
  const card = [
    '---',
    'license: apache-2.0',
    'library_name: transformers',
    '---',
    '<div align="center">',
    '  <img src="logo.png" width="60%" />',
    '</div>',
    '',
    '[![Chat](https://img.shields.io/badge/chat-ok-blue)](https://chat.example) [![License](https://img.shields.io/badge/l-mit-green)](LICENSE)',
    '',
    '<p align="center"><a href="https://example.com/paper.pdf"><b>Paper Link</b>👁️</a></p>',
    '',
    '# Kimi K2',
    '',
    '## 1. Model Introduction',
    '',
    '| a | b |',
    '|---|---|',
    '| 1 | 2 |',
    '',
    '**Key Features**',
    '',
    'Kimi K2 is a state-of-the-art mixture-of-experts (MoE) language model with 32 billion activated parameters',
    'and 1 trillion total parameters. Trained with the [Muon](https://example.com) optimizer, it does well.',
  ].join('\n');

  it('finds the first prose sentence past front matter, HTML, badges, headings, tables and bold labels', () => {
    expect(cardLine(card)).toBe(
      'Kimi K2 is a state-of-the-art mixture-of-experts (MoE) language model with 32 billion activated ' +
        'parameters and 1 trillion total parameters.',
    );
  });

  it('keeps link text, drops code and lists, and clips a long sentence on a word', () => {
    const long = `---\na: b\n---\n\`\`\`bash\npip install x is a command here\n\`\`\`\n- a list item is no prose here\n\nThis model, built on [Qwen3](https://x) by the team, ${'does many things well and '.repeat(20)}ends.`;
    const line = cardLine(long)!;

    expect(line.startsWith('This model, built on Qwen3 by the team, does many')).toBe(true);
    expect(line.endsWith('…')).toBe(true);
    expect(line.length).toBeLessThanOrEqual(220);
  });

  it('has no line for a card without prose', () => {
    expect(
      cardLine('---\nlicense: mit\n---\n# Title\n\n![img](a.png)\n\n[Paper](https://x) | [Code](https://y)\n'),
    ).toBeUndefined();
    expect(cardLine('')).toBeUndefined();
  });
});

describe('runtimes and lineage', () => {
  it('names the runtimes tags, library and card mention', () => {
    const gguf = hubSample('info-expand16-TheBloke__Llama-2-7B-GGUF.json');
    const zephyr = hubSample('info-HuggingFaceH4__zephyr-7b-beta.json');

    expect(runtimesOf({ tags: gguf.tags as string[] })).toEqual(['GGUF / llama.cpp']);
    expect(runtimesOf({ tags: zephyr.tags as string[], library: 'transformers' })).toEqual([]);
    expect(runtimesOf({ library: 'mlx', card: 'Serve it with vLLM or SGLang; on Ascend NPUs use MindSpore.' })).toEqual(
      ['Ascend (CANN)', 'MindSpore', 'MLX', 'vLLM', 'SGLang'],
    );
  });

  it("says where a model comes from only when the base is another lab's", () => {
    const qwen = { id: 1, name: 'Alibaba Qwen', country: 'CN' };
    const facts = { relation: 'finetune', baseModels: ['Qwen/Qwen3-8B'], baseLab: qwen };

    expect(lineageLine(facts, 2)).toBe('finetune of Qwen/Qwen3-8B (Alibaba Qwen, CN)');
    expect(lineageLine(facts, 1)).toBeUndefined();
    expect(lineageLine({ relation: 'quantized', baseModels: ['someone/base'], baseLab: null }, 1)).toBe(
      'quantization of someone/base',
    );
    expect(lineageLine({ baseModels: ['someone/base'] }, 1)).toBe('derived from someone/base');
    expect(factLines({ ...facts, runsOn: ['vLLM'] }, 2)).toEqual([
      ['Runs on', 'vLLM'],
      ['Lineage', 'finetune of Qwen/Qwen3-8B (Alibaba Qwen, CN)'],
    ]);
  });
});
