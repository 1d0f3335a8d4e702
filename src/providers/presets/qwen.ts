// Alibaba Cloud Model Studio (阿里云百炼), DashScope compatible mode (providers-more.md §2): Beijing
// by default; Singapore, US and workspace domains work by changing the base URL (keys are regional).
// Hybrid models take `enable_thinking`; the output limit is `max_completion_tokens` since 2026-04.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';
import { OPENAI_RANGES } from './openaiRanges';

export const qwenPreset: ProviderPreset = {
  id: 'qwen',
  name: 'Qwen',
  label: 'Qwen (通义千问, Model Studio)',
  keyUrl: 'https://bailian.console.aliyun.com/?tab=model#/api-key',
  protocol: openaiProtocol,
  baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
  defaultModel: 'qwen3-coder-plus',
  knownModels: ['qwen3-coder-plus', 'qwen3.8-max', 'qwen3.7-plus', 'qwen3-vl-plus'],
  keyRequired: 'always',
  params: ['n', 'temperature', 'top_p', 'max_tokens', 'stop', 'tools', 'presence_penalty', 'stream_options'],
  ranges: { ...OPENAI_RANGES, temperature: { min: 0, max: 2, maxExclusive: true } },
  roles: ['system', 'user', 'assistant', 'tool'],
  acceptsImages: (model) => /vl|qvq|omni|qwen3\.[78]-(max|plus)/i.test(model),
  listModels: true,
  reasoningField: 'reasoning_content',
  thinkingSwitch: 'enableThinking',
  maxTokensName: 'max_completion_tokens',
  contextTokens: 1_048_576,
};
