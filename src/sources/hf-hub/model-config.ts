/** What a repo's config.json says that the Hub's model info does not. */
export interface ConfigFacts {
  contextLength?: number | undefined;
  /** Routed experts per MoE layer, and how many each token uses. */
  experts?: number | undefined;
  expertsActive?: number | undefined;
}

const CONTEXT_KEYS = ['max_position_embeddings', 'max_sequence_length', 'seq_length', 'n_positions', 'max_seq_len'];
const EXPERT_KEYS = ['n_routed_experts', 'num_experts', 'num_local_experts', 'moe_num_experts', 'n_experts'];
const ACTIVE_KEYS = ['num_experts_per_tok', 'num_experts_per_token', 'experts_per_token', 'moe_k', 'moe_topk'];
// Where a multimodal or wrapped config keeps its language model; never the vision or audio part.
const TEXT_NESTS = ['text_config', 'llm_config', 'language_config', 'thinker_config'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/** The config itself, then its language model's nests, depth first (`thinker_config.text_config`). */
function layers(config: Json, depth = 0): Json[] {
  if (depth > 2) return [config];
  return [config, ...TEXT_NESTS.flatMap((key) => (isObject(config[key]) ? layers(config[key], depth + 1) : []))];
}

function first(config: Json, keys: readonly string[], min: number, max: number): number | undefined {
  for (const layer of layers(config)) {
    for (const key of keys) {
      const value = count(layer[key], min, max);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/**
 * Reads context length and expert counts from a config.json body; what it does not say stays unknown.
 * `max_position_embeddings` is taken as written: configs with rope scaling (YaRN, llama3) already give
 * the scaled length there, with the pre-scaling one in `rope_scaling.original_max_position_embeddings`,
 * so multiplying by the factor would overstate it.
 */
export function readConfig(raw: unknown): ConfigFacts {
  if (!isObject(raw)) return {};
  const experts = first(raw, EXPERT_KEYS, 2, 100_000);
  const expertsActive = experts === undefined ? undefined : first(raw, ACTIVE_KEYS, 1, experts);
  return {
    contextLength: first(raw, CONTEXT_KEYS, 128, 100_000_000),
    experts,
    expertsActive,
  };
}

function amount(digits: string, unit: string): number {
  return Number(digits) * (unit.toUpperCase() === 'T' ? 1e12 : unit.toUpperCase() === 'B' ? 1e9 : 1e6);
}

/** Total and active parameters a mixture-of-experts name states: `Qwen3-235B-A22B`, `Kimi-Linear-48B-A3B`. */
export function moeSizesFromName(repo: string): { total: number; active: number } | undefined {
  const name = repo.slice(repo.indexOf('/') + 1);
  const match = /(?:^|[-_])(\d+(?:\.\d+)?)([BMT])[-_]A(\d+(?:\.\d+)?)([BM])(?=$|[-_.])/i.exec(name);
  if (!match) return undefined;
  const total = amount(match[1]!, match[2]!);
  const active = amount(match[3]!, match[4]!);
  return active > 0 && active < total ? { total, active } : undefined;
}
