import { DEFAULT_LABS } from '../db/default-labs.js';

// Rough repo counts per org, to give the fake Hub the shape of the real one: a few orgs with
// hundreds of repos, most with tens.
const SIZES: Record<string, number> = {
  Qwen: 420,
  google: 900,
  facebook: 1200,
  microsoft: 450,
  nvidia: 600,
  'meta-llama': 90,
  'deepseek-ai': 80,
  mistralai: 60,
  tencent: 220,
  baidu: 60,
  PaddlePaddle: 300,
  OpenGVLab: 250,
  internlm: 120,
  BAAI: 200,
  allenai: 350,
  openbmb: 90,
  stabilityai: 120,
  'ibm-granite': 110,
  HuggingFaceTB: 150,
  CohereForAI: 60,
  CohereLabs: 40,
  THUDM: 110,
  'zai-org': 60,
  LiquidAI: 50,
  NousResearch: 120,
  'Wan-AI': 40,
};

export function orgSizes(): { org: string; count: number }[] {
  return DEFAULT_LABS.flatMap((lab) => lab.orgs.map((org) => ({ org, count: SIZES[org] ?? 25 })));
}
