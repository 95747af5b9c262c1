import { BYTES_PER_PARAM, stemOf, type WeightFormat } from './weight-format.js';

const SHARD_BYTES = 4e9;
const GGUF_QUANTS = ['Q2_K', 'Q3_K_M', 'Q4_K_M', 'Q5_K_M', 'Q6_K', 'Q8_0'];

function pad(n: number): string {
  return String(n).padStart(5, '0');
}

/** The file list of a typical upload: configs, tokenizer, and weights sharded at ~4 GB. */
export function siblingsFor(name: string, format: WeightFormat, params: number): { rfilename: string }[] {
  if (format === 'gguf') {
    const stem = stemOf(name);
    return ['.gitattributes', 'README.md', ...GGUF_QUANTS.map((q) => `${stem}-${q}.gguf`)].map((rfilename) => ({
      rfilename,
    }));
  }
  const shards = Math.max(1, Math.ceil((params * BYTES_PER_PARAM[format]) / SHARD_BYTES));
  const weights =
    shards === 1
      ? ['model.safetensors']
      : [
          ...Array.from({ length: shards }, (_, i) => `model-${pad(i + 1)}-of-${pad(shards)}.safetensors`),
          'model.safetensors.index.json',
        ];
  const files = ['.gitattributes', 'LICENSE', 'README.md', 'config.json', 'generation_config.json', ...weights];
  return [...files, 'tokenizer.json', 'tokenizer_config.json'].map((rfilename) => ({ rfilename }));
}
