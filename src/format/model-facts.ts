import { formatParams } from './numbers.js';
import { formatBytes, weightsMemory } from './weights-memory.js';

/** What floodwatch knows about a model beyond its listing; every field may be unknown (null or absent). */
export interface ModelFacts {
  params?: number | null | undefined;
  paramsByDtype?: Record<string, number> | null | undefined;
  paramsActive?: number | null | undefined;
  experts?: number | null | undefined;
  expertsActive?: number | null | undefined;
  contextLength?: number | null | undefined;
  cardLine?: string | null | undefined;
  runsOn?: string[] | null | undefined;
  providers?: { provider: string; status: string }[] | null | undefined;
  relation?: string | null | undefined;
  baseModels?: string[] | undefined;
  /** The lab owning the first base model's org, when any lab in the catalog owns it. */
  baseLab?: { id: number; name: string; country: string } | null | undefined;
}

const SHOWN_PROVIDERS = 4;
const RELATION_WORDS: Record<string, string> = {
  finetune: 'finetune of',
  quantized: 'quantization of',
  adapter: 'adapter of',
  merge: 'merge of',
};

/** `Run:` weights as published, at FP8 and 4-bit, the GPUs that hold them, and a small card when it fits. */
export function runLine(facts: Pick<ModelFacts, 'paramsByDtype'>): string | undefined {
  const memory = weightsMemory(facts.paramsByDtype);
  if (!memory) return undefined;
  const sizes = [`${formatBytes(memory.published)} ${memory.precision}`];
  if (memory.fp8 !== undefined) sizes.push(`${formatBytes(memory.fp8)} FP8`);
  if (memory.int4 !== undefined) sizes.push(`${formatBytes(memory.int4)} 4-bit`);
  const gpus = memory.gpus.map(([gb, n]) => `${n}×${gb} GB`).join(' or ');
  const many = memory.gpus.some(([, n]) => n > 1);
  return [
    ...sizes,
    `${gpus} GPU${many ? 's' : ''} (weights only)`,
    ...(memory.fitsSmallCard ? ['fits one 24 GB card at 4-bit'] : []),
  ].join(' · ');
}

/** 131072 → 128K, 1048576 → 1M, 40960 → 40K, 8000 → 8K. */
export function formatContext(tokens: number): string {
  if (tokens >= 1024 * 1024 && tokens % (1024 * 1024) === 0) return `${tokens / (1024 * 1024)}M`;
  if (tokens >= 1e6) return `${Number((tokens / 1e6).toPrecision(3))}M`;
  if (tokens % 1024 === 0) return `${tokens / 1024}K`;
  return tokens >= 1000 ? `${Math.round(tokens / 1000)}K` : String(tokens);
}

/** `Shape:` mixture-of-experts sizes and context length, what is known of them. */
export function shapeLine(facts: ModelFacts): string | undefined {
  const parts: string[] = [];
  const active = formatParams(facts.paramsActive);
  const total = formatParams(facts.params);
  if (active) parts.push(`MoE, ${total ? `${total} total, ` : ''}${active} active`);
  if (facts.experts) {
    const perToken = facts.expertsActive ? `, ${facts.expertsActive} per token` : '';
    parts.push(`${active ? '' : 'MoE, '}${facts.experts} experts${perToken}`);
  }
  if (facts.contextLength) parts.push(`context ${formatContext(facts.contextLength)} tokens`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** `Call:` the providers serving it live now, the first few by name. */
export function callLine(facts: Pick<ModelFacts, 'providers'>): string | undefined {
  const live = (facts.providers ?? []).filter((p) => p.status === 'live').map((p) => p.provider);
  if (live.length === 0) return undefined;
  const more = live.length > SHOWN_PROVIDERS ? ` (+${live.length - SHOWN_PROVIDERS} more)` : '';
  return `${live.slice(0, SHOWN_PROVIDERS).join(', ')}${more}`;
}

export function runsOnLine(facts: Pick<ModelFacts, 'runsOn'>): string | undefined {
  return facts.runsOn && facts.runsOn.length > 0 ? facts.runsOn.join(', ') : undefined;
}

/** `finetune of Qwen/Qwen3-8B (Alibaba Qwen, CN)`, when the base comes from another lab than `labId`. */
export function lineageLine(facts: ModelFacts, labId: number): string | undefined {
  const base = facts.baseModels?.[0];
  if (base === undefined || facts.baseLab?.id === labId) return undefined;
  const owner = facts.baseLab ? ` (${facts.baseLab.name}, ${facts.baseLab.country})` : '';
  const how = RELATION_WORDS[facts.relation ?? ''] ?? 'derived from';
  return `${how} ${base}${owner}`;
}

/** The labelled lines an alert or /model adds about a model, in order, the unknown ones left out. */
export function factLines(facts: ModelFacts, labId: number): [label: string, text: string][] {
  const lines: [string, string | undefined][] = [
    ['Run', runLine(facts)],
    ['Shape', shapeLine(facts)],
    ['Call', callLine(facts)],
    ['Runs on', runsOnLine(facts)],
    ['Lineage', lineageLine(facts, labId)],
  ];
  return lines.filter((l): l is [string, string] => l[1] !== undefined);
}
