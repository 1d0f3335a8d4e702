// Ollama on this machine (providers-more.md §10). It needs no key (a key set is still sent), streams
// thinking as `reasoning`, and turns thinking off with reasoning_effort "none".

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';
import { OPENAI_RANGES } from './openaiRanges';

export const ollamaPreset: ProviderPreset = {
  id: 'ollama',
  name: 'Ollama',
  protocol: openaiProtocol,
  baseUrl: 'http://127.0.0.1:11434/v1',
  keyRequired: 'never',
  params: ['temperature', 'top_p', 'max_tokens', 'stop', 'tools', 'presence_penalty', 'frequency_penalty', 'stream_options'],
  ranges: { ...OPENAI_RANGES, top_p: { min: 0, max: 1 } },
  roles: ['system', 'user', 'assistant', 'tool'],
  acceptsImages: (model) => /llava|vision|vl|gemma3|minicpm-v|moondream/i.test(model),
  listModels: true,
  reasoningField: 'reasoning',
  thinkingSwitch: 'reasoningEffortNone',
};
