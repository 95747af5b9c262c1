export interface DefaultLab {
  name: string;
  country: string;
  orgs: readonly string[];
}

/** The catalog every install starts with; orgs in the order the lab uses them today. */
export const DEFAULT_LABS: readonly DefaultLab[] = [
  { name: 'DeepSeek', country: 'CN', orgs: ['deepseek-ai'] },
  { name: 'Alibaba Qwen', country: 'CN', orgs: ['Qwen', 'Wan-AI'] },
  { name: 'Moonshot AI', country: 'CN', orgs: ['moonshotai'] },
  { name: 'Zhipu AI (Z.ai)', country: 'CN', orgs: ['zai-org', 'THUDM'] },
  { name: 'MiniMax', country: 'CN', orgs: ['MiniMaxAI'] },
  { name: 'ByteDance Seed', country: 'CN', orgs: ['ByteDance-Seed'] },
  { name: 'Meituan LongCat', country: 'CN', orgs: ['meituan-longcat'] },
  { name: 'Baidu', country: 'CN', orgs: ['baidu', 'PaddlePaddle'] },
  { name: 'Tencent Hunyuan', country: 'CN', orgs: ['tencent'] },
  { name: 'StepFun', country: 'CN', orgs: ['stepfun-ai'] },
  { name: 'Shanghai AI Lab', country: 'CN', orgs: ['internlm', 'OpenGVLab'] },
  { name: 'Xiaomi', country: 'CN', orgs: ['XiaomiMiMo'] },
  { name: 'Ant Group', country: 'CN', orgs: ['inclusionAI'] },
  { name: 'Kuaishou', country: 'CN', orgs: ['Kwaipilot', 'Kwai-Keye'] },
  { name: 'RedNote', country: 'CN', orgs: ['rednote-hilab'] },
  { name: 'OpenBMB', country: 'CN', orgs: ['openbmb'] },
  { name: 'Skywork', country: 'CN', orgs: ['Skywork'] },
  { name: 'BAAI', country: 'CN', orgs: ['BAAI'] },
  { name: 'OpenAI', country: 'US', orgs: ['openai'] },
  { name: 'Meta', country: 'US', orgs: ['meta-llama', 'facebook'] },
  { name: 'Google', country: 'US', orgs: ['google'] },
  { name: 'NVIDIA', country: 'US', orgs: ['nvidia'] },
  { name: 'Microsoft', country: 'US', orgs: ['microsoft'] },
  { name: 'IBM', country: 'US', orgs: ['ibm-granite'] },
  { name: 'Ai2', country: 'US', orgs: ['allenai'] },
  { name: 'xAI', country: 'US', orgs: ['xai-org'] },
  { name: 'Nous Research', country: 'US', orgs: ['NousResearch'] },
  { name: 'Liquid AI', country: 'US', orgs: ['LiquidAI'] },
  { name: 'Arcee', country: 'US', orgs: ['arcee-ai'] },
  { name: 'Mistral AI', country: 'FR', orgs: ['mistralai'] },
  { name: 'Hugging Face', country: 'FR', orgs: ['HuggingFaceTB'] },
  { name: 'Black Forest Labs', country: 'DE', orgs: ['black-forest-labs'] },
  { name: 'Stability AI', country: 'GB', orgs: ['stabilityai'] },
  { name: 'Cohere', country: 'CA', orgs: ['CohereLabs', 'CohereForAI'] },
  { name: 'AI21 Labs', country: 'IL', orgs: ['ai21labs'] },
  { name: 'TII', country: 'AE', orgs: ['tiiuae'] },
  { name: 'LG AI Research', country: 'KR', orgs: ['LGAI-EXAONE'] },
  { name: 'Naver', country: 'KR', orgs: ['naver-hyperclovax'] },
  { name: 'Upstage', country: 'KR', orgs: ['upstage'] },
  { name: 'Swiss AI', country: 'CH', orgs: ['swiss-ai'] },
  { name: 'Sarvam', country: 'IN', orgs: ['sarvamai'] },
  { name: 'Preferred Networks', country: 'JP', orgs: ['pfnet'] },
];

/** The console's own workspace. */
export const LOCAL_WORKSPACE_ID = 'local';
