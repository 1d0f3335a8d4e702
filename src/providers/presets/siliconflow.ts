// SiliconFlow (硅基流动), api.siliconflow.cn (providers-more.md §5; .com abroad). Model ids are
// org/name; reasoning models take `enable_thinking`. max_tokens excludes the thinking.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';
import { OPENAI_RANGES } from './openaiRanges';

export const siliconflowPreset: ProviderPreset = {
  id: 'siliconflow',
  name: 'SiliconFlow',
  label: 'SiliconFlow (硅基流动)',
  keyUrl: 'https://cloud.siliconflow.cn/account/ak',
  protocol: openaiProtocol,
  baseUrl: 'https://api.siliconflow.cn/v1',
  defaultModel: 'deepseek-ai/DeepSeek-V4-Flash',
  knownModels: ['deepseek-ai/DeepSeek-V4-Flash', 'zai-org/GLM-5.2', 'Qwen/Qwen3-Coder-30B-A3B-Instruct'],
  keyRequired: 'always',
  params: ['n', 'temperature', 'top_p', 'max_tokens', 'stop', 'tools', 'presence_penalty', 'frequency_penalty'],
  ranges: OPENAI_RANGES,
  roles: ['system', 'user', 'assistant', 'tool'],
  acceptsImages: (model) => /vl|vision|kimi-k2\.6/i.test(model),
  listModels: true,
  reasoningField: 'reasoning_content',
  thinkingSwitch: 'enableThinking',
};
