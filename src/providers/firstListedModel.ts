// No model set: the first model the server lists, fetched once per provider instance. Never an
// error when the server can say which models it has (an empty list says what to do instead).

import type { CallContext } from './chatProtocol';
import type { ProviderPreset } from './preset';
import type { ChatRequest, ModelList } from './types';
import { details } from './userText';

export function firstListedModel(
  preset: ProviderPreset,
  defaultModel: string,
  list: (signal: AbortSignal) => Promise<ModelList>,
  onChosen: ((model: string) => void) | undefined,
  context: (request: ChatRequest) => CallContext,
): (request: ChatRequest, signal: AbortSignal) => Promise<ChatRequest> {
  let first: Promise<string | undefined> | undefined;
  return async (request, signal) => {
    if (request.model?.trim() || defaultModel || !preset.listModels) return request;
    first ??= list(signal).then(
      (models) => {
        const id = models[0]?.id;
        if (id) onChosen?.(id);
        return id;
      },
      (error: unknown) => {
        first = undefined; // A failed listing is tried again by the next request.
        throw error;
      },
    );
    const model = await first;
    if (!model) throw context(request).error({ kind: 'invalidParams', param: 'model', detail: details.noModelListed(preset.name) });
    return { ...request, model };
  };
}
