// What distinguishes one provider from another: configuration, not code. A preset names its wire
// protocol, defaults (base URL, model), which request parameters its server takes and their ranges.

import type { ChatProtocol } from './chatProtocol';
import type { Role } from './types';

/** Request parameters beyond model, messages and stream, by their wire names. */
export type WireParam =
  | 'n'
  | 'temperature'
  | 'top_p'
  | 'max_tokens'
  | 'stop'
  | 'tools'
  | 'presence_penalty'
  | 'frequency_penalty'
  /** `stream_options: {include_usage: true}`, for servers known to accept it. */
  | 'stream_options';

export type NumericParam = 'n' | 'temperature' | 'top_p' | 'max_tokens' | 'presence_penalty' | 'frequency_penalty';

export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  readonly integer?: boolean;
}

/**
 * How a service takes the thinking on/off switch, as its own documentation says
 * (../shared/reference/providers-more.md): `thinkingType` {"thinking":{"type":"enabled"|"disabled"}}
 * (DeepSeek, GLM, Kimi, Ark), `enableThinking` {"enable_thinking":bool} (Qwen, SiliconFlow),
 * `templateKwargs` {"chat_template_kwargs":{"enable_thinking":bool}} (vLLM, LMDeploy),
 * `reasoningEffortNone` {"reasoning_effort":"none"} to turn it off, nothing to turn it on (Ollama).
 */
export type ThinkingSwitch = 'thinkingType' | 'enableThinking' | 'templateKwargs' | 'reasoningEffortNone';

export interface ProviderPreset {
  readonly id: string;
  /** Display name, used in messages. */
  readonly name: string;
  /** How pickers and the panel name it, with its Chinese name (defaults to `name`). */
  readonly label?: string;
  /** Where the user gets a key (README, "Add endpoint…", the key prompt). */
  readonly keyUrl?: string;
  readonly protocol: ChatProtocol;
  readonly baseUrl: string;
  readonly defaultModel?: string;
  /** Offered in the model picker when the server has no model list. */
  readonly knownModels?: readonly string[];
  /**
   * 'defaultBaseUrl': the hosted service needs a key, a private deployment at another URL may not
   * (e.g. LMDeploy serving InternLM).
   */
  readonly keyRequired: 'always' | 'defaultBaseUrl' | 'never';
  /** Parameters the server takes; others are dropped before sending. */
  readonly params: readonly WireParam[];
  readonly ranges: Readonly<Partial<Record<NumericParam, NumberRange>>>;
  readonly roles: readonly Role[];
  /** The provider's documented per-user limit; the caller may override it. */
  readonly requestsPerMinute?: number;
  /** False when the model cannot take image parts (so we refuse before sending). */
  readonly acceptsImages?: (model: string) => boolean;
  /** Returns what a valid model name looks like when `model` is malformed, else undefined. */
  readonly checkModel?: (model: string) => string | undefined;
  /** `GET {base}/models` exists. */
  readonly listModels: boolean;
  /** Where streamed thinking text arrives (the decoder reads every form; fakes in tests speak this one). */
  readonly reasoningField?: 'reasoning_content' | 'reasoning';
  /** The documented thinking switch; none means nothing is sent for `thinking: on | off`. */
  readonly thinkingSwitch?: ThinkingSwitch;
  /**
   * The service answers 400 unless an assistant turn that made tool calls carries its
   * `reasoning_content` back, exactly as received (DeepSeek, Kimi, GLM).
   */
  readonly reasoningOnToolTurns?: boolean;
  /** The wire name of the output limit (Model Studio renamed `max_tokens` to `max_completion_tokens`). */
  readonly maxTokensName?: 'max_tokens' | 'max_completion_tokens';
  /** Context window of the default model in tokens, where documented. */
  readonly contextTokens?: number;
}

/** Whether a request to `baseUrl` needs a key: the preset's rule, in one place for the engine and the UI. */
export function keyNeededAt(preset: Pick<ProviderPreset, 'keyRequired' | 'baseUrl'>, baseUrl: string): boolean {
  const trim = (url: string): string => url.trim().replace(/\/+$/, '');
  return preset.keyRequired === 'always' || (preset.keyRequired === 'defaultBaseUrl' && trim(baseUrl) === trim(preset.baseUrl));
}
