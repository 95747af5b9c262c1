import { makeRepo, type FakeRepo } from '../fakes/hub/index.js';
import { hubSample } from './hub-samples.js';

/** A card in the shape real ones have: front matter, a centered logo, badges, a heading, then prose. */
export const CARD = [
  '---',
  'license: mit',
  'library_name: transformers',
  '---',
  '<div align="center">',
  '  <img src="figures/logo.svg" width="60%" alt="logo" />',
  '</div>',
  '',
  '[![Homepage](https://img.shields.io/badge/home-blue)](https://example.com) [![Chat](https://img.shields.io/badge/chat-green)](https://chat.example.com)',
  '',
  '## 1. Introduction',
  '',
  'We present DeepSeek-V4, a strong mixture-of-experts language model with 1T total parameters. It follows V3.',
  '',
  'Serve it with vLLM or SGLang.',
].join('\n');

/** Providers in the Hub's newer shape, a list; the object shape is the real sample's. */
export const PROVIDERS_LIST = [
  { provider: 'novita', status: 'live', providerId: 'deepseek/deepseek-v4', task: 'conversational' },
  { provider: 'together', status: 'live', providerId: 'deepseek-ai/DeepSeek-V4', task: 'conversational' },
  { provider: 'nebius', status: 'staging', providerId: 'deepseek-ai/DeepSeek-V4', task: 'conversational' },
];

/** A new release on the fake Hub with what facts are read from: weights by dtype, config.json, card, providers. */
export function repoWithFacts(
  org: string,
  name: string,
  extra: Partial<FakeRepo> & { baseModel?: string; createdAt?: string } = {},
): FakeRepo {
  return makeRepo({
    org,
    name,
    params: 1.026e12,
    license: 'mit',
    safetensors: { parameters: { BF16: 1.026e12 }, total: 1.026e12 },
    inferenceProviderMapping: PROVIDERS_LIST,
    files: {
      'config.json': JSON.stringify(hubSample('config-moonshotai__Kimi-K2-Instruct.json')),
      'README.md': CARD,
    },
    ...extra,
  });
}
