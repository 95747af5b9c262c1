/** Runtimes worth a line: not the default CUDA + transformers path, or a local one. */
const RUNTIMES: { name: string; tags: RegExp; card: RegExp }[] = [
  { name: 'Ascend (CANN)', tags: /^(ascend|npu|cann)$/i, card: /\b(?:[Aa]scend|ASCEND|CANN)\b/ },
  { name: 'MindSpore', tags: /^mindspore$/i, card: /\bmindspore\b/i },
  { name: 'MLX', tags: /^mlx$/i, card: /\bmlx(?:[-_]lm)?\b/i },
  { name: 'GGUF / llama.cpp', tags: /^(gguf|llama\.cpp|llama-cpp)$/i, card: /\b(llama\.cpp|gguf)\b/i },
  { name: 'vLLM', tags: /^vllm$/i, card: /\bvllm\b/i },
  { name: 'SGLang', tags: /^sglang$/i, card: /\bsglang\b/i },
];

/**
 * Non-NVIDIA or local runtimes a repo names in its tags, library or card, in a fixed order; empty when
 * it names none. The card is read only as prose, so a passing mention counts: it is what the lab says.
 */
export function runtimesOf(input: {
  tags?: readonly string[] | undefined;
  library?: string | undefined;
  card?: string | undefined;
}): string[] {
  const labels = [...(input.tags ?? []), ...(input.library ? [input.library] : [])];
  return RUNTIMES.filter(
    (r) => labels.some((t) => r.tags.test(t)) || (input.card !== undefined && r.card.test(input.card)),
  ).map((r) => r.name);
}

/** The runtimes named in either list, once each, in the fixed order. */
export function mergeRuntimes(a: readonly string[], b: readonly string[]): string[] {
  return RUNTIMES.map((r) => r.name).filter((name) => a.includes(name) || b.includes(name));
}
