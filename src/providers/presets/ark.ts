// Volcengine Ark (火山方舟, Doubao), ark.cn-beijing.volces.com (providers-more.md §6). `model` is a
// model id or an `ep-…` endpoint id; there is no OpenAI /models list, so the picker offers these.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';
import { OPENAI_RANGES } from './openaiRanges';

export const arkPreset: ProviderPreset = {
  id: 'ark',
  name: 'Ark',
  label: 'Volcengine Ark (火山方舟 豆包)',
  keyUrl: 'https://console.volcengine.com/ark/',
  protocol: openaiProtocol,
  baseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
  defaultModel: 'doubao-seed-1-6-251015',
  knownModels: ['doubao-seed-1-6-251015', 'doubao-seed-1-6-vision-250815', 'doubao-seed-2-0-code-preview-260215', 'deepseek-v4-flash-ga-260731'],
  keyRequired: 'always',
  params: ['temperature', 'top_p', 'max_tokens', 'stop', 'tools', 'presence_penalty', 'frequency_penalty'],
  ranges: { ...OPENAI_RANGES, top_p: { min: 0, max: 1 } },
  roles: ['system', 'user', 'assistant', 'tool'],
  acceptsImages: (model) => /seed-1-6|seed-2|vision/i.test(model),
  listModels: false,
  reasoningField: 'reasoning_content',
  thinkingSwitch: 'thinkingType',
  contextTokens: 256_000,
};
