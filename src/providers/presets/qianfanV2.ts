// Baidu Qianfan v2, the OpenAI-compatible API (providers.md, end of section B): Bearer
// `bce-v3/...` key, lowercase model ids, system role allowed, real HTTP errors, stream ends [DONE].
// ERNIE rejects temperature 0, hence (0, 1]. max_tokens is not sent: v2's name for it is unverified.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';

export const qianfanV2Preset: ProviderPreset = {
  id: 'qianfan-v2',
  name: 'Qianfan',
  label: 'Qianfan v2 (千帆 OpenAI-compatible)',
  keyUrl: 'https://console.bce.baidu.com/iam/#/iam/apikey/list',
  protocol: openaiProtocol,
  baseUrl: 'https://qianfan.baidubce.com/v2',
  defaultModel: 'ernie-4.0-turbo-8k',
  knownModels: ['ernie-4.0-turbo-8k', 'ernie-4.0-8k', 'ernie-3.5-8k', 'ernie-speed-8k', 'ernie-lite-8k'],
  keyRequired: 'always',
  params: ['temperature', 'top_p', 'stop', 'tools', 'presence_penalty', 'frequency_penalty'],
  ranges: {
    temperature: { min: 0, minExclusive: true, max: 1 },
    top_p: { min: 0, max: 1 },
    presence_penalty: { min: -2, max: 2 },
    frequency_penalty: { min: -2, max: 2 },
  },
  roles: ['system', 'user', 'assistant', 'tool'],
  listModels: false,
};
