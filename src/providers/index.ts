// Public surface of the provider module. No `vscode` import anywhere under src/providers.

export type {
  CallOptions,
  ChatMessage,
  ChatRequest,
  ChatResult,
  ChoiceResult,
  ContentPart,
  FinishReason,
  ImagePart,
  Logger,
  ModelInfo,
  ModelList,
  Role,
  StreamEvent,
  TextPart,
  ToolCall,
  ToolDefinition,
  Usage,
} from './types';
export { ProviderError, type ErrorKind } from './errors';
export { english, flaggedTurn, formatErrorMessage, type Translate, type Wording } from './userText';
export { createProvider, type ChatProvider, type CompleteOptions, type ListModelsOptions, type ProviderOptions } from './provider';
export { ProviderRegistry, BUILT_IN_PRESETS, DEFAULT_PRESETS, ENDPOINT_PRESETS } from './registry';
export type { ProviderPreset, WireParam, NumberRange, NumericParam, ThinkingSwitch } from './preset';
export { keyNeededAt } from './preset';
export { formatRange, inRange, isHttpUrl } from './validate';
export type { ChatProtocol, CallContext, ResponseDecoder, HttpRequestSpec, ErrorResponse } from './chatProtocol';
export { createOpenAIProtocol } from './openaiClient';
export { bearerAuth, cachedTokenAuth, noAuth, type Auth, type FetchedToken } from './auth';
export { ResultBuilder } from './accumulate';
export { RateLimiter } from './rateLimiter';
export { systemClock, type Clock } from './clock';
export { DEFAULT_MAX_ANSWER_CHARS, DEFAULT_TIMEOUTS, type Timeouts } from './engine';
export type { RetryOptions } from './retry';
export type { ProxySettings } from './http/dispatcher';
export { redactText, redactUrl, urlForLog } from './redact';
export { internlmPreset } from './presets/internlm';
export { lanruiPreset } from './presets/lanrui';
export { openaiPreset } from './presets/openai';
export { qianfanV2Preset } from './presets/qianfanV2';
export { qianfanPreset, createQianfanPreset } from './presets/qianfan';
export * from './qianfan';
