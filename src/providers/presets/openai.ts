// Any OpenAI-compatible server (LMDeploy, vLLM, Ollama, Qianfan v2, ...): the caller sets the base
// URL and model; a key is optional (no Authorization header without one). OpenAI's own ranges,
// except top_p (0, 1]: LMDeploy, the default server here, refuses 0.

import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';
import { OPENAI_RANGES } from './openaiRanges';

export const openaiPreset: ProviderPreset = {
  id: 'openai',
  name: 'OpenAI-compatible',
  protocol: openaiProtocol,
  // LMDeploy's api_server default; users point this at their own server.
  baseUrl: 'http://127.0.0.1:23333/v1',
  keyRequired: 'never',
  params: ['n', 'temperature', 'top_p', 'max_tokens', 'stop', 'tools', 'presence_penalty', 'frequency_penalty', 'stream_options'],
  ranges: OPENAI_RANGES,
  roles: ['system', 'user', 'assistant', 'tool'],
  listModels: true,
};
