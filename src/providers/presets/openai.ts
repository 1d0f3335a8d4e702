// Any OpenAI-compatible server (LMDeploy, vLLM, Ollama, Qianfan v2, ...): the caller sets the base
// URL and model; a key is optional (no Authorization header without one). OpenAI's own ranges,
// except top_p (0, 1]: LMDeploy, the default server here, refuses 0.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';

export const openaiPreset: ProviderPreset = {
  id: 'openai',
  name: 'OpenAI-compatible',
  protocol: openaiProtocol,
  // LMDeploy's api_server default; users point this at their own server.
  baseUrl: 'http://127.0.0.1:23333/v1',
  keyRequired: 'never',
  params: ['n', 'temperature', 'top_p', 'max_tokens', 'stop', 'tools', 'presence_penalty', 'frequency_penalty', 'stream_options'],
  ranges: {
    temperature: { min: 0, max: 2 },
    top_p: { min: 0, minExclusive: true, max: 1 },
    n: { min: 1, integer: true },
    max_tokens: { min: 1, integer: true },
    presence_penalty: { min: -2, max: 2 },
    frequency_penalty: { min: -2, max: 2 },
  },
  roles: ['system', 'user', 'assistant', 'tool'],
  listModels: true,
};
