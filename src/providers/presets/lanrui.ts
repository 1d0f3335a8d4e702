// Lanrui (蓝睿), OpenAI-compatible. Rules from the seed page: model names are
// model_name/model_version; temperature [0, 2], top_p (0, 1], presence and frequency penalty
// [-2, 2]; roles system/user/assistant. Nothing else is documented, so nothing else is sent.

import { details } from '../userText';
import type { ProviderPreset } from '../preset';
import { openaiProtocol } from './openaiProtocol';

export const lanruiPreset: ProviderPreset = {
  id: 'lanrui',
  name: 'Lanrui',
  label: 'Lanrui (蓝睿)',
  protocol: openaiProtocol,
  baseUrl: 'https://api.lanrui.co/v1',
  keyRequired: 'always',
  params: ['temperature', 'top_p', 'max_tokens', 'presence_penalty', 'frequency_penalty'],
  ranges: {
    temperature: { min: 0, max: 2 },
    top_p: { min: 0, minExclusive: true, max: 1 },
    max_tokens: { min: 1, integer: true },
    presence_penalty: { min: -2, max: 2 },
    frequency_penalty: { min: -2, max: 2 },
  },
  roles: ['system', 'user', 'assistant'],
  checkModel: (model) => (/^[^/\s]+(\/[^/\s]+)+$/.test(model) ? undefined : details.lanruiModelShape),
  // Undocumented for Lanrui; OpenAI-compatible servers usually have it, and a 404 is reported cleanly.
  listModels: true,
};
