// A Qianfan wenxinworkshop provider from the host's settings: the preset with this endpoint's input
// limit, and the Auth of the chosen mode. Behind it is the same ChatProvider (ChatRequest in,
// StreamEvents out, ProviderError thrown) as every other provider.

import { DispatcherPool } from '../http/dispatcher';
import { createUndiciClient } from '../http/transport';
import { createQianfanPreset, QIANFAN_DEFAULT_ENDPOINT } from '../presets/qianfan';
import { createProvider, type ChatProvider, type ProviderOptions } from '../provider';
import type { SystemPromptMode } from './conversation';
import type { QianfanParameters } from './request';
import { qianfanSignatureAuth } from './signatureAuth';
import { qianfanTokenAuth, type QianfanTokenHooks } from './tokenAuth';

export type QianfanAuthOptions =
  /** Application API Key + Secret Key → OAuth access token (seed "访问凭证access_token鉴权"). */
  | ({
      readonly mode: 'accessToken';
      readonly apiKey?: string;
      readonly secretKey?: string;
      /** Refresh this long before expiry (default 5 minutes). */
      readonly refreshMarginMs?: number;
    } & QianfanTokenHooks)
  /** IAM Access Key + Secret Key → bce-auth-v1 signed requests. */
  | {
      readonly mode: 'signature';
      readonly accessKey?: string;
      readonly secretKey?: string;
      /** Signature lifetime (default 1800 s). */
      readonly expirationSeconds?: number;
    };

export interface QianfanProviderOptions extends Omit<ProviderOptions, 'apiKey' | 'auth' | 'model'> {
  /** Default https://aip.baidubce.com. */
  readonly baseUrl?: string;
  /** The service address after /wenxinworkshop/chat/ (default chatglm3_6b). A ChatRequest's `model` overrides it. */
  readonly endpoint?: string;
  readonly auth: QianfanAuthOptions;
  /** Most characters of message content the endpoint takes (default 4800, ChatGLM3-6B's). */
  readonly maxInputChars?: number;
  /** Where a system prompt goes (default the top-level `system` field; 'prepend' for endpoints without it). */
  readonly systemPrompt?: SystemPromptMode;
  /** penalty_score, top_k, user_id, sent with every request. */
  readonly parameters?: QianfanParameters;
}

export function createQianfanProvider(options: QianfanProviderOptions): ChatProvider {
  const preset = createQianfanPreset({
    maxInputChars: options.maxInputChars,
    systemPrompt: options.systemPrompt,
    parameters: options.parameters,
  });
  const baseUrl = (options.baseUrl || preset.baseUrl).trim().replace(/\/+$/, '');
  // The token request goes through the same client (and proxy) as the chat requests.
  let pool: DispatcherPool | undefined;
  const http = options.http ?? createUndiciClient((pool = new DispatcherPool(options.proxy, { connectTimeoutMs: options.timeouts?.connectMs ?? 30_000 })));
  const a = options.auth;
  const auth =
    a.mode === 'signature'
      ? qianfanSignatureAuth({ accessKey: a.accessKey, secretKey: a.secretKey, expirationSeconds: a.expirationSeconds, clock: options.clock })
      : qianfanTokenAuth({
          apiKey: a.apiKey,
          secretKey: a.secretKey,
          baseUrl,
          http,
          refreshMarginMs: a.refreshMarginMs,
          timeoutMs: options.timeouts?.headersMs,
          clock: options.clock,
          logger: options.logger,
          loadToken: a.loadToken,
          saveToken: a.saveToken,
          clearToken: a.clearToken,
          providerId: preset.id,
          providerName: preset.name,
        });
  const inner = createProvider(preset, { ...options, baseUrl, model: options.endpoint?.trim() || QIANFAN_DEFAULT_ENDPOINT, auth, http });
  return {
    ...inner,
    async dispose() {
      await inner.dispose();
      await pool?.close();
    },
  };
}
