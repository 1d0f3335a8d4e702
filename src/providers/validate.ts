// Refuses a request the provider would reject, before anything is sent: the user gets a message
// naming the parameter and its range instead of an opaque 400 (and no rate-limit slot is spent).

import type { CallContext } from './chatProtocol';
import type { NumberRange, NumericParam, WireParam } from './preset';
import { details } from './userText';
import type { ChatRequest } from './types';

/** ChatRequest field → wire parameter name. */
export const WIRE_NAMES = {
  n: 'n',
  temperature: 'temperature',
  topP: 'top_p',
  maxTokens: 'max_tokens',
  stop: 'stop',
  tools: 'tools',
  presencePenalty: 'presence_penalty',
  frequencyPenalty: 'frequency_penalty',
} as const satisfies Record<string, WireParam>;

type ParamField = keyof typeof WIRE_NAMES;

/** Ranges that hold for every OpenAI-compatible server, used when a preset states none. */
const GENERIC_RANGES: Readonly<Record<NumericParam, NumberRange>> = {
  n: { min: 1, integer: true },
  max_tokens: { min: 1, integer: true },
  temperature: { min: 0 },
  top_p: { min: 0, max: 1 },
  presence_penalty: {},
  frequency_penalty: {},
};

export function formatRange(r: NumberRange): string {
  const lo = r.min === undefined ? '(-∞' : `${r.minExclusive ? '(' : '['}${r.min}`;
  const hi = r.max === undefined ? '∞)' : `${r.max}${r.maxExclusive ? ')' : ']'}`;
  return `${lo}, ${hi}${r.integer ? ' (whole numbers)' : ''}`;
}

export function inRange(value: number, r: NumberRange): boolean {
  if (!Number.isFinite(value)) return false;
  if (r.integer && !Number.isInteger(value)) return false;
  if (r.min !== undefined && (r.minExclusive ? value <= r.min : value < r.min)) return false;
  if (r.max !== undefined && (r.maxExclusive ? value >= r.max : value > r.max)) return false;
  return true;
}

/** An http: or https: address (what a base URL, or an image given by address, must be). */
export function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function isImageUrl(url: string): boolean {
  return /^data:image\/[a-z0-9.+-]+;base64,/i.test(url) || isHttpUrl(url);
}

/**
 * Throws invalidParams for anything out of range or malformed; returns the parameters that were
 * set but that this provider does not take (they are left out of the request).
 */
export function validateRequest(request: ChatRequest, ctx: CallContext): WireParam[] {
  const { preset } = ctx;
  const invalid = (param: string, detail: string): never => {
    throw ctx.error({ kind: 'invalidParams', param, detail });
  };

  if (!ctx.model) invalid('model', details.noModel(preset.name));
  const modelHint = preset.checkModel?.(ctx.model);
  if (modelHint) invalid('model', details.badModelName(ctx.model, preset.name, modelHint));

  if (!Array.isArray(request.messages) || request.messages.length === 0) invalid('messages', details.noMessages);
  const imagesOk = preset.acceptsImages ? preset.acceptsImages(ctx.model) : true;
  request.messages.forEach((m, i) => {
    if (!preset.roles.includes(m.role)) {
      invalid('messages', details.roleNotTaken(i + 1, m.role, preset.name, preset.roles));
    }
    if (typeof m.content === 'string') return;
    if (!Array.isArray(m.content)) invalid('messages', details.noContent(i + 1));
    for (const part of m.content) {
      if (part.type === 'text') continue;
      if (part.type !== 'image') invalid('messages', details.unknownPart(i + 1));
      if (!imagesOk) invalid('messages', details.noImages(ctx.model));
      if (!isImageUrl(part.url)) invalid('messages', details.badImageUrl(i + 1));
    }
  });

  const dropped: WireParam[] = [];
  for (const field of Object.keys(WIRE_NAMES) as ParamField[]) {
    const value = request[field];
    if (value === undefined) continue;
    const wire = WIRE_NAMES[field];
    if (!preset.params.includes(wire)) {
      dropped.push(wire);
      continue;
    }
    if (wire === 'stop') {
      const stop = value as readonly unknown[];
      if (!Array.isArray(stop) || stop.some((s) => typeof s !== 'string' || s.length === 0)) {
        invalid('stop', details.stopList);
      }
      continue;
    }
    if (wire === 'tools') {
      const tools = value as ChatRequest['tools'];
      if (!Array.isArray(tools) || tools.some((t) => !t || typeof t.name !== 'string' || t.name.length === 0)) {
        invalid('tools', details.toolNames);
      }
      continue;
    }
    const range = preset.ranges[wire as NumericParam] ?? GENERIC_RANGES[wire as NumericParam];
    if (typeof value !== 'number' || !inRange(value, range)) {
      throw ctx.error({ kind: 'invalidParams', param: wire, range: formatRange(range), value: String(value) });
    }
  }
  return dropped;
}
