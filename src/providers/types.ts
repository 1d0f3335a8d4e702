// Provider-neutral request, result and event types. Every feature (chat panel, explain, rewrite)
// speaks these; each protocol translates them to and from its wire format.
// No `vscode` and no DOM here: this module runs under plain Node.

import type { ProviderError } from './errors';

export type Role = 'system' | 'user' | 'assistant' | 'tool';

export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

/** An image for vision models: a public http(s) URL or a `data:image/...;base64,` URL. */
export interface ImagePart {
  readonly type: 'image';
  readonly url: string;
}

export type ContentPart = TextPart | ImagePart;

export interface ToolCall {
  readonly id: string;
  readonly name: string;
  /** Raw argument text as the model produced it; not always valid JSON (InternLM uses single quotes). */
  readonly arguments: string;
}

export interface ChatMessage {
  readonly role: Role;
  readonly content: string | readonly ContentPart[];
  /** Tool calls an assistant turn made (sent back with the conversation). */
  readonly toolCalls?: readonly ToolCall[];
  /** For `role: 'tool'`: which call this answers. */
  readonly toolCallId?: string;
  readonly name?: string;
  /**
   * The thinking text of an assistant turn that made tool calls, exactly as received: services that
   * require it back (preset `reasoningOnToolTurns`) get it; nothing else is ever sent back.
   */
  readonly reasoning?: string;
}

export interface ToolDefinition {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/**
 * One request type for every provider. Unset fields are not sent; fields a provider does not take
 * are dropped (and logged) rather than sent, because its server may reject unknown fields.
 */
export interface ChatRequest {
  /** Overrides the provider's configured model for this call. */
  readonly model?: string;
  readonly messages: readonly ChatMessage[];
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens?: number;
  /** Number of choices to generate. */
  readonly n?: number;
  readonly stop?: readonly string[];
  readonly tools?: readonly ToolDefinition[];
  readonly presencePenalty?: number;
  readonly frequencyPenalty?: number;
  /** Turns thinking on or off where the preset has a documented switch; unset leaves the model's default. */
  readonly thinking?: 'on' | 'off';
}

export interface Usage {
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  readonly totalTokens?: number;
}

/**
 * `stop` | `length` | `tool_calls` | `content_filter`, LMDeploy's `abort`, or whatever the server says;
 * `answerTooLong` is ours: the answer reached the engine's maxAnswerChars and reading stopped.
 */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'abort' | 'answerTooLong' | (string & {});

/** Events of one streamed call, in arrival order. Errors are thrown from the iterator as `ProviderError`. */
export type StreamEvent =
  | { readonly type: 'meta'; readonly id?: string; readonly model?: string; readonly created?: number }
  | { readonly type: 'text'; readonly choice: number; readonly text: string }
  /** Thinking text: `reasoning_content`, `reasoning` or a `<think>` block at the start of `content` (openaiDecoder). */
  | { readonly type: 'reasoning'; readonly choice: number; readonly text: string }
  | {
      readonly type: 'toolCall';
      readonly choice: number;
      readonly index: number;
      readonly argumentsDelta: string;
      /** The call merged so far (by index). */
      readonly call: ToolCall;
    }
  | { readonly type: 'usage'; readonly usage: Usage }
  | { readonly type: 'finish'; readonly choice: number; readonly reason: FinishReason }
  /** Queued by the client-side rate limiter; the request starts after about `ms`. */
  | {
      readonly type: 'waiting';
      readonly ms: number;
      readonly reason: string;
      readonly requestsPerMinute: number;
    }
  /**
   * Something the user should know about this answer that is not an error, e.g. the oldest turns
   * were left out to fit the provider's input limit (Qianfan wenxinworkshop).
   */
  | { readonly type: 'notice'; readonly code: 'turnsDropped'; readonly dropped: number; readonly message: string }
  /** A failed attempt will be retried after `delayMs`. Only before any text was delivered. */
  | {
      readonly type: 'retrying';
      readonly attempt: number;
      readonly maxRetries: number;
      readonly delayMs: number;
      readonly reason: string;
      readonly error: ProviderError;
    };

export interface ChoiceResult {
  readonly index: number;
  readonly text: string;
  readonly reasoning: string;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason?: FinishReason;
}

/** The merged result of a call (what `complete()` returns). */
export interface ChatResult {
  readonly id?: string;
  readonly model?: string;
  /** Sorted by index. */
  readonly choices: readonly ChoiceResult[];
  readonly usage?: Usage;
  /** Text of the first choice, for the common single-choice case. */
  readonly text: string;
}

export interface ModelInfo {
  readonly id: string;
  readonly ownedBy?: string;
  readonly created?: number;
  /** The list says the model takes images (`input_modalities` or `capabilities`), when it says so at all. */
  readonly vision?: boolean;
}

/** What `listModels()` returns: the models, and advice when the list is empty (e.g. Ollama with nothing pulled). */
export interface ModelList extends Array<ModelInfo> {
  hint?: string;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface CallOptions {
  /** Every call is cancellable; aborting closes the connection. */
  readonly signal: AbortSignal;
}
