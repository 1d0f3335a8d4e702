// Moonshot Kimi (月之暗面), api.moonshot.cn (providers-more.md §4; api.moonshot.ai abroad, keys do not
// cross). K3 always thinks; k2.5/k2.6 take {"thinking":{"type":"disabled"}}. A tool-call turn must carry
// its reasoning_content back (400 otherwise).

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';
import { OPENAI_RANGES } from './openaiRanges';

export const kimiPreset: ProviderPreset = {
  id: 'kimi',
  name: 'Kimi',
  label: 'Kimi (Moonshot 月之暗面)',
  keyUrl: 'https://platform.moonshot.cn/console/api-keys',
  protocol: openaiProtocol,
  baseUrl: 'https://api.moonshot.cn/v1',
  defaultModel: 'kimi-k3',
  knownModels: ['kimi-k3', 'kimi-k2.7-code', 'kimi-k2.6'],
  keyRequired: 'always',
  params: ['n', 'temperature', 'top_p', 'max_tokens', 'stop', 'tools', 'presence_penalty', 'frequency_penalty'],
  ranges: { ...OPENAI_RANGES, temperature: { min: 0, max: 1 } },
  roles: ['system', 'user', 'assistant', 'tool'],
  acceptsImages: (model) => /k3|k2\.[56]|vision/i.test(model),
  listModels: true,
  reasoningField: 'reasoning_content',
  thinkingSwitch: 'thinkingType',
  reasoningOnToolTurns: true,
  contextTokens: 1_048_576,
};
