// LMDeploy's api_server (providers-more.md §12), the server behind InternLM: thinking arrives as
// reasoning_content (with --reasoning-parser) and switches through chat_template_kwargs. top_p (0, 1]:
// LMDeploy refuses 0.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';
import { OPENAI_RANGES } from './openaiRanges';

export const lmdeployPreset: ProviderPreset = {
  id: 'lmdeploy',
  name: 'LMDeploy',
  protocol: openaiProtocol,
  baseUrl: 'http://127.0.0.1:23333/v1',
  keyRequired: 'never',
  params: ['n', 'temperature', 'top_p', 'max_tokens', 'stop', 'tools', 'presence_penalty', 'frequency_penalty', 'stream_options'],
  ranges: OPENAI_RANGES,
  roles: ['system', 'user', 'assistant', 'tool'],
  acceptsImages: (model) => /vl|vision|internvl|intern-s1/i.test(model),
  listModels: true,
  reasoningField: 'reasoning_content',
  thinkingSwitch: 'templateKwargs',
};
