// Zhipu BigModel (智谱), open.bigmodel.cn (providers-more.md §3). No documented /models list, so the
// picker offers these names. `thinking.type` switches thinking; with tools, the reasoning of a
// tool-call turn goes back with the tool results.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';
import { OPENAI_RANGES } from './openaiRanges';

export const glmPreset: ProviderPreset = {
  id: 'glm',
  name: 'GLM',
  label: 'GLM (智谱 BigModel)',
  keyUrl: 'https://open.bigmodel.cn/usercenter/apikeys',
  protocol: openaiProtocol,
  baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
  defaultModel: 'glm-5.2',
  knownModels: ['glm-5.2', 'glm-5.1', 'glm-5v-turbo', 'glm-4.6v'],
  keyRequired: 'always',
  params: ['temperature', 'top_p', 'max_tokens', 'stop', 'tools'],
  // The docs call the ranges model dependent; OpenAI's, so a valid value is never refused here.
  ranges: OPENAI_RANGES,
  roles: ['system', 'user', 'assistant', 'tool'],
  acceptsImages: (model) => /\dv(-|$)/i.test(model),
  listModels: false,
  reasoningField: 'reasoning_content',
  thinkingSwitch: 'thinkingType',
  reasoningOnToolTurns: true,
  contextTokens: 1_000_000,
};
