// Chorus's providers as VS Code language models: the same factory, engine, rate limits, proxy and
// timeouts as the panel. Text streams as it comes; tool calls are reported once complete; thinking
// text is never mixed into the answer. No `vscode` import: the host passes in what it needs, so
// this is unit-tested in plain Node against a real HTTP server.

import type { ChatProvider, ChatRequest, ToolCall } from '../providers';
import { estimateTokens } from '../shared/tokenEstimate';
import { toChatMessages } from './lmMessages';
import { parseLmModelId } from './lmModelId';
import type { LmModelInfo, LmParts, LmRequestMessage, LmResponseOptions } from './newerApi';
import { ToolArgumentsError, parseToolArguments } from './toolArguments';

/** VS Code's CancellationToken and Progress, as far as they are used here. */
export interface LmToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}
export interface LmProgress {
  report(part: unknown): void;
}

export interface LmResponder {
  respond(model: LmModelInfo, messages: readonly LmRequestMessage[], options: LmResponseOptions, progress: LmProgress, token: LmToken): Promise<void>;
  countTokens(text: string | LmRequestMessage): number;
}

export interface LmResponderDeps {
  readonly parts: LmParts;
  /** A provider for a request (the factory's create: workspace questions, keys, settings). */
  create(providerId: string, model: string | undefined): Promise<ChatProvider>;
  /** The request settings of a provider (temperature, top_p, max tokens, thinking). */
  generation(providerId: string): Pick<ChatRequest, 'temperature' | 'topP' | 'maxTokens' | 'thinking'>;
  /** An error as the caller reads it: provider, code, advice, in the UI language; never the key. */
  describe(error: unknown): string;
  /** Tool arguments that are not JSON, even repaired. */
  badToolArguments(providerId: string, tool: string, raw: string): string;
  log(line: string): void;
}

export function createLmResponder(deps: LmResponderDeps): LmResponder {
  return {
    respond: (model, messages, options, progress, token) => respond(deps, { model, messages, options, progress, token }),
    countTokens,
  };
}

interface Call {
  readonly model: LmModelInfo;
  readonly messages: readonly LmRequestMessage[];
  readonly options: LmResponseOptions;
  readonly progress: LmProgress;
  readonly token: LmToken;
}

async function respond(deps: LmResponderDeps, call: Call): Promise<void> {
  const { provider: id, model } = parseLmModelId(call.model.id);
  const abort = new AbortController();
  const cancel = call.token.onCancellationRequested(() => abort.abort());
  if (call.token.isCancellationRequested) abort.abort();
  let client: ChatProvider | undefined;
  try {
    client = await deps.create(id, model || undefined);
    const request: ChatRequest = { ...deps.generation(id), messages: toChatMessages(call.messages), ...tools(call.options) };
    const calls = new Map<number, ToolCall>();
    deps.log(`Language model request from VS Code to ${id} (${model}), ${request.messages.length} messages`);
    for await (const event of client.stream(request, { signal: abort.signal })) {
      if (event.type === 'text' && event.choice === 0) call.progress.report(new deps.parts.TextPart(event.text));
      else if (event.type === 'toolCall' && event.choice === 0) calls.set(event.index, event.call);
    }
    for (const [index, toolCall] of calls) {
      call.progress.report(new deps.parts.ToolCallPart(toolCall.id || `call_${index}`, toolCall.name, toolInput(deps, id, toolCall)));
    }
  } catch (error) {
    if (abort.signal.aborted) return;
    throw new Error(error instanceof ToolArgumentsError ? error.message : deps.describe(error), { cause: error });
  } finally {
    cancel.dispose();
    void client?.dispose();
  }
}

function tools(options: LmResponseOptions): Pick<ChatRequest, 'tools'> {
  if (!options.tools?.length) return {};
  return { tools: options.tools.map((t) => ({ name: t.name, description: t.description, ...(t.inputSchema ? { parameters: t.inputSchema as Record<string, unknown> } : {}) })) };
}

function toolInput(deps: LmResponderDeps, id: string, call: ToolCall): object {
  try {
    return parseToolArguments(call.arguments);
  } catch (error) {
    if (!(error instanceof ToolArgumentsError)) throw error;
    throw new ToolArgumentsError(deps.badToolArguments(id, call.name, error.message));
  }
}

function countTokens(text: string | LmRequestMessage): number {
  if (typeof text === 'string') return estimateTokens(text);
  return toChatMessages([text]).reduce((sum, m) => sum + estimateTokens(typeof m.content === 'string' ? m.content : m.content.map((p) => (p.type === 'text' ? p.text : '')).join('')), 0);
}
