import * as vscode from 'vscode';
import { generationSettings } from '../config/configuration';
import type { ProviderFactory } from '../config/providerFactory';
import { providerName } from '../config/providerCatalog';
import { estimateTokens } from '../shared/tokenEstimate';
import { ProviderError, type ChatProvider, type ChatRequest, type ToolCall } from '../providers';
import { errorText } from '../ui/errorText';
import { toChatMessages } from './lmMessages';
import { parseLmModelId } from './lmModelId';
import type { LmModels } from './lmModels';
import type { LmChatProvider, LmModelInfo, LmParts, LmRequestMessage, LmResponseOptions } from './newerApi';
import { ToolArgumentsError, parseToolArguments } from './toolArguments';

/**
 * Chorus's providers as VS Code language models: the same factory, engine, rate limits, proxy and
 * timeouts as the panel. Text streams as it comes; tool calls are reported once complete; thinking
 * text is never mixed into the answer.
 */
export function createLmChatProvider(factory: ProviderFactory, models: LmModels, parts: LmParts, log: vscode.LogOutputChannel): LmChatProvider {
  return {
    onDidChangeLanguageModelChatInformation: models.onDidChange,
    provideLanguageModelChatInformation: () => models.models(),
    provideLanguageModelChatResponse: (model, messages, options, progress, token) => respond(factory, parts, log, { model, messages, options, progress, token }),
    provideTokenCount: (_model, text) => Promise.resolve(countTokens(text)),
  };
}

interface Call {
  readonly model: LmModelInfo;
  readonly messages: readonly LmRequestMessage[];
  readonly options: LmResponseOptions;
  readonly progress: vscode.Progress<unknown>;
  readonly token: vscode.CancellationToken;
}

async function respond(factory: ProviderFactory, parts: LmParts, log: vscode.LogOutputChannel, call: Call): Promise<void> {
  const { provider: id, model } = parseLmModelId(call.model.id);
  const abort = new AbortController();
  const cancel = call.token.onCancellationRequested(() => abort.abort());
  let client: ChatProvider | undefined;
  try {
    client = (await factory.create(id, model || undefined)).provider;
    const request: ChatRequest = { ...generationSettings(id), messages: toChatMessages(call.messages), ...tools(call.options) };
    const calls = new Map<number, ToolCall>();
    log.info(`Language model request from VS Code to ${id} (${model}), ${request.messages.length} messages`);
    for await (const event of client.stream(request, { signal: abort.signal })) {
      if (event.type === 'text' && event.choice === 0) call.progress.report(new parts.TextPart(event.text));
      else if (event.type === 'toolCall' && event.choice === 0) calls.set(event.index, event.call);
    }
    for (const [index, toolCall] of calls) {
      call.progress.report(new parts.ToolCallPart(toolCall.id || `call_${index}`, toolCall.name, toolInput(id, toolCall)));
    }
  } catch (error) {
    if (abort.signal.aborted) return;
    throw new Error(describe(error), { cause: error });
  } finally {
    cancel.dispose();
    void client?.dispose();
  }
}

function tools(options: LmResponseOptions): Pick<ChatRequest, 'tools'> {
  if (!options.tools?.length) return {};
  return { tools: options.tools.map((t) => ({ name: t.name, description: t.description, ...(t.inputSchema ? { parameters: t.inputSchema as Record<string, unknown> } : {}) })) };
}

function toolInput(id: string, call: ToolCall): object {
  try {
    return parseToolArguments(call.arguments);
  } catch (error) {
    if (!(error instanceof ToolArgumentsError)) throw error;
    throw new Error(vscode.l10n.t('{0} called the tool "{1}" with arguments that are not JSON, so the call was not passed on: {2}', providerName(id), call.name, error.message));
  }
}

/** The provider, what happened, its code and the advice, in the UI language; never the key (scrubbed by the module). */
function describe(error: unknown): string {
  if (error instanceof ProviderError) return errorText(error);
  return error instanceof Error ? error.message : String(error);
}

function countTokens(text: string | LmRequestMessage): number {
  if (typeof text === 'string') return estimateTokens(text);
  return toChatMessages([text]).reduce((sum, m) => sum + estimateTokens(typeof m.content === 'string' ? m.content : m.content.map((p) => (p.type === 'text' ? p.text : '')).join('')), 0);
}
