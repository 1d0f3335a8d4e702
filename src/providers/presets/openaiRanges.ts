// OpenAI's documented parameter ranges, which most OpenAI-compatible services keep; a preset states
// only where its service differs. top_p is (0, 1]: LMDeploy, behind several of them, refuses 0.

import type { NumberRange, NumericParam } from '../preset';

export const OPENAI_RANGES: Readonly<Record<NumericParam, NumberRange>> = {
  temperature: { min: 0, max: 2 },
  top_p: { min: 0, minExclusive: true, max: 1 },
  n: { min: 1, integer: true },
  max_tokens: { min: 1, integer: true },
  presence_penalty: { min: -2, max: 2 },
  frequency_penalty: { min: -2, max: 2 },
};
