import type { ProviderPreset } from '../providers';
import { type Budget, measure } from '../shared/contextBudget';
import { getSetting } from './configuration';
import { findEndpoint } from './providerCatalog';
import type { ProviderId } from './settings';

// How much a provider's model takes in, one source for the chat's budget meter and the Language
// Model API's model limits. Qianfan v1 counts characters (chorus.qianfan.maxInputChars, which its
// API enforces, system prompt included); the others count tokens of a context window that also has
// to hold the answer.

const DEFAULT_CONTEXT_TOKENS = 32_768;
export const DEFAULT_OUTPUT_TOKENS = 8_192;

/** The model's context window in tokens: Qianfan's characters at about 0.6 tokens each, else the preset's. */
export function contextTokens(id: ProviderId, preset: ProviderPreset | undefined): number {
  if (id === 'qianfan') return Math.floor(getSetting('qianfan.maxInputChars') * 0.6);
  return preset?.contextTokens ?? DEFAULT_CONTEXT_TOKENS;
}

/** Tokens kept for the answer: the endpoint's or the global chorus.maxTokens, else a common default. */
export function answerTokens(id: ProviderId): number {
  return findEndpoint(id)?.maxTokens ?? getSetting('maxTokens') ?? DEFAULT_OUTPUT_TOKENS;
}

/** What one question and its attachments may use, after the system prompt (and, in tokens, the answer). */
export function inputBudget(id: ProviderId, preset: ProviderPreset | undefined, systemPrompt: string): Budget {
  if (id === 'qianfan') {
    return { unit: 'chars', limit: Math.max(0, getSetting('qianfan.maxInputChars') - measure(systemPrompt, 'chars')) };
  }
  const window = contextTokens(id, preset);
  // A small window is not left with nothing when chorus.maxTokens is as large as the window itself.
  const answer = Math.min(answerTokens(id), Math.floor(window / 2));
  return { unit: 'tokens', limit: Math.max(0, window - answer - measure(systemPrompt, 'tokens')) };
}
