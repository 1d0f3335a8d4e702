// The Qianfan wenxinworkshop chat protocol (the ChatGLM3-6B seed) behind the shared ChatProtocol
// seam: the conversation is shaped and fitted before sending (refusing what cannot be sent), the
// body holds only the seed's fields, and answers and errors are decoded by QianfanDecoder.
// How credentials get onto the request (access_token query or bce-auth-v1 header) is the Auth's job.

import { errorFromBody, httpErrorDetails } from '../errorShapes';
import type { CallContext, ChatProtocol, ErrorResponse, HttpRequestSpec } from '../chatProtocol';
import type { ChatRequest, StreamEvent } from '../types';
import { fitConversation, isFitProblem, type FittedConversation, type SystemPromptMode } from './conversation';
import { QianfanDecoder } from './decoder';
import { qianfanErrorDetails } from './errorCodes';
import { advice, details, turnsDroppedMessage } from './qianfanText';
import { chatBody, chatUrl, checkParameters, type QianfanParameters } from './request';

/** ChatGLM3-6B's limit (seed: "message中的content总长度不能超过4800个字符"); other endpoints differ. */
export const DEFAULT_MAX_INPUT_CHARS = 4800;

export interface QianfanProtocolOptions {
  /** Most characters of message content the endpoint takes (default 4800). */
  readonly maxInputChars?: number;
  /** Where a system prompt goes (default the top-level `system` field). */
  readonly systemPrompt?: SystemPromptMode;
  /** penalty_score, top_k, user_id for every request. */
  readonly parameters?: QianfanParameters;
  /**
   * Refuse every call, saying why: for the registry's entry, which describes Qianfan but has no way
   * to get its two keys (a provider from it would send one key as a Bearer header, which Qianfan
   * does not take). createQianfanProvider builds a usable one.
   */
  readonly refuse?: string;
}

interface CallState {
  dropped: number;
  announced: boolean;
}

export function createQianfanProtocol(options: QianfanProtocolOptions = {}): ChatProtocol {
  const maxInputChars = options.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS;
  if (!(Number.isInteger(maxInputChars) && maxInputChars > 0)) throw new RangeError('maxInputChars must be a positive integer');
  const systemPrompt = options.systemPrompt ?? 'field';
  const parameters = options.parameters ?? {};
  // Per call (the engine keeps one CallContext per call, across retries): how many turns were
  // dropped, and whether the caller has been told. The notice rides on the first decoded events.
  const calls = new WeakMap<CallContext, CallState>();

  const fit = (request: ChatRequest, ctx: CallContext): FittedConversation => {
    const fitted = fitConversation(request.messages, { maxInputChars, systemPrompt });
    if (!isFitProblem(fitted)) return fitted;
    switch (fitted.problem) {
      case 'noQuestion':
        throw ctx.error({ kind: 'invalidParams', param: 'messages', detail: details.noQuestion });
      case 'endsWithAnswer':
        throw ctx.error({ kind: 'invalidParams', param: 'messages', detail: details.endsWithAnswer(ctx.preset.name) });
      case 'questionTooLong':
        throw ctx.error({
          kind: 'contextTooLong',
          param: 'messages',
          value: String(fitted.chars),
          range: `at most ${fitted.limit} characters`,
          advice: advice.questionTooLong(fitted.chars, fitted.limit, fitted.withSystem),
        });
    }
  };

  return {
    id: 'qianfan',

    validate(request: ChatRequest, ctx: CallContext): void {
      if (options.refuse) throw ctx.error({ kind: 'invalidParams', param: 'auth', detail: options.refuse });
      checkParameters(request, parameters, ctx);
      fit(request, ctx);
    },

    buildChatRequest(request: ChatRequest, stream: boolean, ctx: CallContext): HttpRequestSpec {
      const fitted = fit(request, ctx);
      const state = calls.get(ctx);
      if (state) state.dropped = fitted.droppedTurns;
      else calls.set(ctx, { dropped: fitted.droppedTurns, announced: false });
      return {
        method: 'POST',
        url: chatUrl(ctx.baseUrl, ctx.model),
        headers: {
          'content-type': 'application/json',
          accept: stream ? 'text/event-stream, application/json' : 'application/json',
        },
        body: JSON.stringify(chatBody(request, fitted, stream, parameters, ctx.preset.params)),
      };
    },

    createDecoder(ctx: CallContext) {
      return new QianfanDecoder(ctx, (): readonly StreamEvent[] => {
        const state = calls.get(ctx);
        if (!state || state.announced || state.dropped === 0) return [];
        state.announced = true;
        const message = turnsDroppedMessage(ctx.preset.name, state.dropped, maxInputChars);
        return [{ type: 'notice', code: 'turnsDropped', dropped: state.dropped, message }];
      });
    },

    errorFromResponse(response: ErrorResponse, ctx: CallContext) {
      const info = errorFromBody(response.bodyText);
      const code = info.code !== undefined && /^\d+$/.test(info.code) ? Number(info.code) : undefined;
      if (code !== undefined && code !== 0) {
        return ctx.error({ ...qianfanErrorDetails(code, info.message, response.status), retryAfterMs: response.retryAfterMs });
      }
      return ctx.error(httpErrorDetails(response, info));
    },
  };
}
