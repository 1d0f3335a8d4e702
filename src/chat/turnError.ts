import { ProviderError } from '../providers';
import type { TurnError } from '../shared/conversation';
import { reportError } from '../ui/showError';

/** An error as shown at the answer: the provider module's message names the provider, the code and the fix. */
export function describeError(error: unknown): TurnError {
  // The panel shows text, never markup, so it gets the whole report, the provider's words included.
  const { details: message } = reportError(error);
  if (error instanceof ProviderError) {
    return { message, kind: error.kind, ...(error.status !== undefined ? { status: error.status } : {}), ...(error.code ? { code: error.code } : {}) };
  }
  return { message, kind: 'internal' };
}
