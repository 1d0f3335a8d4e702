// InternLM (书生) hosted Chat API, served by LMDeploy; a private LMDeploy deployment works by
// changing the base URL (then no key is needed). Rules from the seed page: it takes only model,
// messages, n, temperature, top_p, stream, max_tokens and tools; temperature in [0, 1]; top_p in
// (0, 1] (the page says [0, 1], but the server behind it, LMDeploy, refuses 0);
// 10 requests a minute per user by default.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';

export const internlmPreset: ProviderPreset = {
  id: 'internlm',
  name: 'InternLM',
  label: 'InternLM (书生)',
  keyUrl: 'https://internlm.intern-ai.org.cn/api/tokens',
  protocol: openaiProtocol,
  baseUrl: 'https://chat.intern-ai.org.cn/api/v1',
  defaultModel: 'internlm3-latest',
  knownModels: ['internlm3-latest', 'internvl3-latest'],
  keyRequired: 'defaultBaseUrl',
  params: ['n', 'temperature', 'top_p', 'max_tokens', 'tools'],
  ranges: {
    temperature: { min: 0, max: 1 },
    top_p: { min: 0, minExclusive: true, max: 1 },
    n: { min: 1, integer: true },
    max_tokens: { min: 1, integer: true },
  },
  roles: ['system', 'user', 'assistant', 'tool'],
  requestsPerMinute: 10,
  // internvl3-latest takes images; internlm3 is text-only and the server would reject image parts.
  acceptsImages: (model) => /vl|vision/i.test(model),
  listModels: true,
};
