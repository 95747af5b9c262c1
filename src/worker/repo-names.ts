// Trailing name tokens that mark a format re-upload or a quantization rather than a new model.
const FORMAT_TOKENS = new Set([
  'fp8',
  'fp4',
  'nvfp4',
  'mxfp4',
  'bf16',
  'fp16',
  'int4',
  'int8',
  'awq',
  'gptq',
  'gguf',
  'ggml',
  'mlx',
  'exl2',
  'exl3',
  'onnx',
  'bnb',
  '2bit',
  '3bit',
  '4bit',
  '5bit',
  '6bit',
  '8bit',
  'w4a16',
  'w8a8',
  'w8a16',
  'w4a8',
  'w4afp8',
  'q2',
  'q3',
  'q4',
  'q5',
  'q6',
  'q8',
  'quantized',
  'quant',
  'openvino',
  'coreml',
]);

// Tokens that name a size, a role or a context length: models that differ only in these are one family.
const SIZE = [/^\d+(\.\d+)?[bmt]$/, /^a\d+(\.\d+)?b$/, /^\d+x\d+(\.\d+)?b$/, /^e\d+b$/, /^\d+e$/, /^\d+k$/];
const ROLES = new Set([
  'instruct',
  'chat',
  'base',
  'it',
  'pt',
  'hf',
  'thinking',
  'think',
  'reasoning',
  'sft',
  'rl',
  'dpo',
]);

function nameOf(repo: string): string {
  return repo.slice(repo.indexOf('/') + 1);
}

function tokens(name: string): string[] {
  return name.split(/[-_]/).filter((t) => t.length > 0);
}

/**
 * The repo without its format/quantization suffixes (`org/Qwen3-8B-FP8` → `org/Qwen3-8B`), or undefined
 * if it has none.
 */
export function stripFormatSuffix(repo: string): string | undefined {
  const org = repo.slice(0, repo.indexOf('/'));
  const name = nameOf(repo);
  let end = name.length;
  let stripped = false;
  for (;;) {
    const cut = Math.max(name.lastIndexOf('-', end - 1), name.lastIndexOf('_', end - 1));
    if (cut <= 0) break;
    if (!FORMAT_TOKENS.has(name.slice(cut + 1, end).toLowerCase())) break;
    end = cut;
    stripped = true;
  }
  return stripped ? `${org}/${name.slice(0, end)}` : undefined;
}

/** A key shared by repos of one family of sizes and roles (`Qwen3-8B`, `Qwen3-235B-A22B-Instruct` → `qwen3`). */
export function familyKey(repo: string): string {
  const name = nameOf(stripFormatSuffix(repo) ?? repo).toLowerCase();
  const kept = tokens(name).filter((t) => !ROLES.has(t) && !SIZE.some((re) => re.test(t)));
  return kept.length > 0 ? kept.join('-') : name;
}

export function orgOf(repo: string): string {
  return repo.slice(0, repo.indexOf('/'));
}

export { nameOf };
