// Tencent Hunyuan (腾讯混元), OpenAI-compatible endpoint (providers-more.md §9). Its documentation
// names no thinking switch for this endpoint, so none is sent; TokenHub is another base URL.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';
import { OPENAI_RANGES } from './openaiRanges';

export const hunyuanPreset: ProviderPreset = {
  id: 'hunyuan',
  name: 'Hunyuan',
  label: 'Hunyuan (腾讯混元)',
  keyUrl: 'https://console.cloud.tencent.com/hunyuan/api-key',
  protocol: openaiProtocol,
  baseUrl: 'https://api.hunyuan.cloud.tencent.com/v1',
  defaultModel: 'hunyuan-turbos-latest',
  knownModels: ['hunyuan-turbos-latest', 'hunyuan-t1-latest', 'hunyuan-t1-vision'],
  keyRequired: 'always',
  params: ['temperature', 'top_p', 'max_tokens', 'stop', 'tools'],
  ranges: { ...OPENAI_RANGES, top_p: { min: 0, max: 1 } },
  roles: ['system', 'user', 'assistant', 'tool'],
  acceptsImages: (model) => /vision/i.test(model),
  listModels: true,
  reasoningField: 'reasoning_content',
};
