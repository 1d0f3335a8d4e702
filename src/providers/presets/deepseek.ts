// DeepSeek (深度求索), api.deepseek.com (providers-more.md §1). `deepseek-flash` (V4.1-Flash) takes
// images, `deepseek-v4-pro` does not; both think by default ({"thinking":{"type"}} switches it), and an
// assistant turn that made tool calls must carry its reasoning_content back or the API answers 400.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';
import { OPENAI_RANGES } from './openaiRanges';

export const deepseekPreset: ProviderPreset = {
  id: 'deepseek',
  name: 'DeepSeek',
  label: 'DeepSeek (深度求索)',
  keyUrl: 'https://platform.deepseek.com/api_keys',
  protocol: openaiProtocol,
  baseUrl: 'https://api.deepseek.com',
  defaultModel: 'deepseek-flash',
  knownModels: ['deepseek-flash', 'deepseek-v4-pro'],
  keyRequired: 'always',
  params: ['temperature', 'top_p', 'max_tokens', 'stop', 'tools', 'presence_penalty', 'frequency_penalty', 'stream_options'],
  ranges: OPENAI_RANGES,
  roles: ['system', 'user', 'assistant', 'tool'],
  acceptsImages: (model) => /flash/i.test(model),
  listModels: true,
  reasoningField: 'reasoning_content',
  thinkingSwitch: 'thinkingType',
  reasoningOnToolTurns: true,
  contextTokens: 1_000_000,
};
