/** Bytes per parameter of each safetensors dtype; a dtype not listed makes the total unknown. */
const DTYPE_BYTES: Record<string, number> = {
  F64: 8,
  F32: 4,
  BF16: 2,
  F16: 2,
  F8_E4M3: 1,
  F8_E5M2: 1,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  U16: 2,
  U32: 4,
  U64: 8,
  BOOL: 1,
};
const INTEGER = /^[IU]\d+$/;
/** Integer tensors beyond this share mean packed (quantized) weights, whose count is not the model's. */
const PACKED_SHARE = 0.01;

export const GPU_SIZES_GB = [80, 141] as const;
export const SMALL_CARD_GB = 24;

export interface WeightsMemory {
  /** The dtype holding most parameters, as people say it (BF16, FP8, F32). */
  precision: string;
  /** Bytes of the weights as published. */
  published: number;
  /** Estimates at 1 and 0.5 bytes per parameter; undefined when the published weights are packed. */
  fp8?: number | undefined;
  int4?: number | undefined;
  /** GPUs of each size that hold the published weights (weights only), as [size in GB, count]. */
  gpus: [number, number][];
  /** The 4-bit weights fit a 24 GB card. */
  fitsSmallCard: boolean;
}

function precisionName(dtype: string): string {
  return dtype.startsWith('F8_') ? 'FP8' : dtype;
}

/**
 * Weights memory from `safetensors.parameters` (counts by dtype): as published, at FP8 and at 4-bit,
 * and how many GPUs of 80 and 141 GB hold the published weights. Undefined when the counts are missing
 * or name a dtype whose width is unknown: an unknown stays unknown.
 */
export function weightsMemory(byDtype: Record<string, number> | null | undefined): WeightsMemory | undefined {
  const entries = Object.entries(byDtype ?? {}).filter(([, n]) => n > 0);
  if (entries.length === 0) return undefined;
  let published = 0;
  let total = 0;
  let integers = 0;
  for (const [dtype, n] of entries) {
    const bytes = DTYPE_BYTES[dtype];
    if (bytes === undefined) return undefined;
    published += n * bytes;
    total += n;
    if (INTEGER.test(dtype)) integers += n;
  }
  const [main] = entries.sort((a, b) => b[1] - a[1]);
  const packed = integers / total > PACKED_SHARE;
  const int4 = packed ? undefined : total / 2;
  return {
    precision: precisionName(main![0]),
    published,
    fp8: packed || published / total <= 1.05 ? undefined : total,
    int4,
    gpus: GPU_SIZES_GB.map((gb) => [gb, Math.max(1, Math.ceil(published / (gb * 1e9)))]),
    fitsSmallCard: int4 !== undefined && int4 <= SMALL_CARD_GB * 1e9,
  };
}

/** Bytes as people say memory: 16.1 GB, 1.03 TB, 480 MB. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
  ];
  for (const [size, unit] of units) {
    if (bytes < size && unit !== 'MB') continue;
    const value = bytes / size;
    return `${Number(value.toPrecision(3))} ${unit}`;
  }
  return `${bytes} B`;
}
