// vLLM's OpenAI-compatible server (providers-more.md §11): a key only if started with --api-key;
// thinking arrives as `reasoning` (with --reasoning-parser) and switches through chat_template_kwargs.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';

export const vllmPreset: ProviderPreset = {
  id: 'vllm',
  name: 'vLLM',
  protocol: openaiProtocol,
  baseUrl: 'http://127.0.0.1:8000/v1',
  keyRequired: 'never',
  params: ['n', 'temperature', 'top_p', 'max_tokens', 'stop', 'tools', 'presence_penalty', 'frequency_penalty', 'stream_options'],
  ranges: {
    temperature: { min: 0 },
    top_p: { min: 0, minExclusive: true, max: 1 },
    n: { min: 1, integer: true },
    max_tokens: { min: 1, integer: true },
    presence_penalty: { min: -2, max: 2 },
    frequency_penalty: { min: -2, max: 2 },
  },
  roles: ['system', 'user', 'assistant', 'tool'],
  acceptsImages: (model) => /vl|vision|llava|internvl/i.test(model),
  listModels: true,
  reasoningField: 'reasoning',
  thinkingSwitch: 'templateKwargs',
};
