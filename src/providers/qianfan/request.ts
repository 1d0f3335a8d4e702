// The wenxinworkshop chat request: its URL and JSON body, and the parameter rules the seed states
// beyond what the preset's ranges cover (stop: at most 4 items of at most 20 characters;
// penalty_score [1, 2]; top_k a positive integer; user_id). Only the seed's body fields are sent.

import type { WireParam } from '../preset';
import type { CallContext } from '../chatProtocol';
import type { ChatRequest } from '../types';
import { formatRange, inRange } from '../validate';
import { charCount, type FittedConversation } from './conversation';
import { details, endpointHint } from './qianfanText';

export const CHAT_PATH = '/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/';

/** Settings the seed's body takes that ChatRequest has no field for; set once per provider. */
export interface QianfanParameters {
  /** penalty_score, [1, 2]: higher repeats less. */
  readonly penaltyScore?: number;
  /** top_k, a positive integer. */
  readonly topK?: number;
  /** user_id: identifies the end user to Qianfan. */
  readonly userId?: string;
}

export const STOP_MAX_ITEMS = 4;
export const STOP_MAX_CHARS = 20;
const PENALTY_RANGE = { min: 1, max: 2 };
const TOP_K_RANGE = { min: 1, integer: true };

/** What a valid endpoint looks like when `endpoint` is not one (it becomes a path segment). */
export function checkEndpoint(endpoint: string): string | undefined {
  return /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(endpoint) ? undefined : endpointHint;
}

export function chatUrl(baseUrl: string, endpoint: string): URL {
  return new URL(`${baseUrl.replace(/\/+$/, '')}${CHAT_PATH}${encodeURIComponent(endpoint)}`);
}

/** Throws invalidParams for stop lists and provider settings outside the seed's rules. */
export function checkParameters(request: ChatRequest, params: QianfanParameters, ctx: CallContext): void {
  const stop = request.stop;
  if (stop !== undefined) {
    if (stop.length > STOP_MAX_ITEMS || stop.some((s) => charCount(s) > STOP_MAX_CHARS)) {
      throw ctx.error({
        kind: 'invalidParams',
        param: 'stop',
        value: JSON.stringify(stop),
        detail: details.stopList(ctx.preset.name, STOP_MAX_ITEMS, STOP_MAX_CHARS),
      });
    }
  }
  const numeric = (param: string, value: number | undefined, range: typeof PENALTY_RANGE | typeof TOP_K_RANGE): void => {
    if (value !== undefined && (typeof value !== 'number' || !inRange(value, range))) {
      throw ctx.error({ kind: 'invalidParams', param, range: formatRange(range), value: String(value) });
    }
  };
  numeric('penalty_score', params.penaltyScore, PENALTY_RANGE);
  numeric('top_k', params.topK, TOP_K_RANGE);
  if (params.userId !== undefined && (typeof params.userId !== 'string' || params.userId.trim() === '')) {
    throw ctx.error({ kind: 'invalidParams', param: 'user_id', detail: details.userId });
  }
}

/**
 * The JSON body: the fitted messages and only the fields the seed documents; of the ChatRequest
 * parameters, only those the preset `accepts` (the engine has logged the others as not sent).
 */
export function chatBody(
  request: ChatRequest,
  fitted: FittedConversation,
  stream: boolean,
  params: QianfanParameters,
  accepts: readonly WireParam[],
): Record<string, unknown> {
  const body: Record<string, unknown> = { messages: fitted.messages };
  if (fitted.system !== undefined) body.system = fitted.system;
  body.stream = stream;
  if (request.temperature !== undefined && accepts.includes('temperature')) body.temperature = request.temperature;
  if (request.topP !== undefined && accepts.includes('top_p')) body.top_p = request.topP;
  if (params.penaltyScore !== undefined) body.penalty_score = params.penaltyScore;
  if (params.topK !== undefined) body.top_k = params.topK;
  if (request.stop !== undefined && request.stop.length > 0 && accepts.includes('stop')) body.stop = request.stop;
  if (params.userId !== undefined) body.user_id = params.userId.trim();
  return body;
}
