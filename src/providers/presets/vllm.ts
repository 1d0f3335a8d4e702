// vLLM's OpenAI-compatible server (providers-more.md §11): a key only if started with --api-key;
// thinking arrives as `reasoning` (with --reasoning-parser) and switches through chat_template_kwargs.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';
import { OPENAI_RANGES } from './openaiRanges';

export const vllmPreset: ProviderPreset = {
  id: 'vllm',
  name: 'vLLM',
  protocol: openaiProtocol,
  baseUrl: 'http://127.0.0.1:8000/v1',
  keyRequired: 'never',
  params: ['n', 'temperature', 'top_p', 'max_tokens', 'stop', 'tools', 'presence_penalty', 'frequency_penalty', 'stream_options'],
  ranges: { ...OPENAI_RANGES, temperature: { min: 0 } },
  roles: ['system', 'user', 'assistant', 'tool'],
  acceptsImages: (model) => /vl|vision|llava|internvl/i.test(model),
  listModels: true,
  reasoningField: 'reasoning',
  thinkingSwitch: 'templateKwargs',
};
