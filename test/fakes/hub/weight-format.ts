/** How a repo's weights are stored, read from its name the way the Hub's re-uploads are named. */
export type WeightFormat = 'bf16' | 'fp8' | 'awq' | 'gptq' | 'gguf' | 'mlx' | 'bnb' | 'int4';

const SUFFIXES: [RegExp, WeightFormat][] = [
  [/-gguf$/i, 'gguf'],
  [/-awq$/i, 'awq'],
  [/-gptq(-int[48])?$/i, 'gptq'],
  [/-fp8(-dynamic)?$/i, 'fp8'],
  [/-mlx(-\d+bit)?$/i, 'mlx'],
  [/-bnb-4bit$/i, 'bnb'],
  [/-int[48]$/i, 'int4'],
];

export function formatOf(name: string): WeightFormat {
  return SUFFIXES.find(([pattern]) => pattern.test(name))?.[1] ?? 'bf16';
}

/** Name minus its format suffix: `X-7B-Instruct-GGUF` -> `X-7B-Instruct`. */
export function stemOf(name: string): string {
  const match = SUFFIXES.find(([pattern]) => pattern.test(name));
  return match ? name.replace(match[0], '') : name;
}

export function isQuantized(format: WeightFormat): boolean {
  return format !== 'bf16';
}

/** Tags the Hub adds for the format (besides library and task). */
export const FORMAT_TAGS: Record<WeightFormat, string[]> = {
  bf16: [],
  fp8: ['fp8', 'compressed-tensors'],
  awq: ['4-bit', 'awq'],
  gptq: ['4-bit', 'gptq'],
  gguf: ['gguf', 'imatrix'],
  mlx: ['mlx', '4-bit'],
  bnb: ['4-bit', 'bitsandbytes'],
  int4: ['4-bit'],
};

/** `safetensors.parameters` by dtype: packed formats report fewer, wider "parameters", as on the Hub. */
export function parametersByDtype(format: WeightFormat, params: number): Record<string, number> | undefined {
  const p = (share: number): number => Math.round(params * share);
  switch (format) {
    case 'bf16':
      return { BF16: params };
    case 'fp8':
      return { F8_E4M3: p(0.97), BF16: p(0.03) };
    case 'awq':
    case 'gptq':
      return { I32: p(0.12), F16: p(0.14) };
    case 'mlx':
      return { U32: p(0.12), BF16: p(0.03) };
    case 'bnb':
      return { U8: p(0.45), F32: p(0.01), BF16: p(0.05) };
    case 'int4':
      return { I8: p(0.5), BF16: p(0.03) };
    case 'gguf':
      return undefined; // GGUF repos carry no safetensors
  }
}

/** Bytes per parameter on disk, to count shards. */
export const BYTES_PER_PARAM: Record<WeightFormat, number> = {
  bf16: 2,
  fp8: 1,
  awq: 0.55,
  gptq: 0.55,
  gguf: 0.6,
  mlx: 0.55,
  bnb: 0.55,
  int4: 0.55,
};
