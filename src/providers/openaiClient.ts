// The OpenAI-compatible protocol: one implementation behind every OpenAI-style preset (InternLM,
// Lanrui, Qianfan v2, LMDeploy, vLLM, Ollama). Presets only configure it.

import { httpErrorDetails } from './errorShapes';
import { details, hints } from './userText';
import { OpenAIDecoder } from './openaiDecoder';
import { openaiChatBody } from './openaiRequest';
import type { CallContext, ChatProtocol, ErrorResponse, HttpRequestSpec } from './chatProtocol';
import type { ChatRequest, ModelList } from './types';

export interface OpenAIProtocolOptions {
  /** Relative to the base URL. */
  readonly chatPath?: string;
  readonly modelsPath?: string;
}

/**
 * Whether a `/models` entry says the model takes images. Servers that say so at all use
 * `input_modalities` (top level or under `architecture`) or `capabilities` (a list or flags).
 */
function listedVision(rec: Record<string, unknown>): boolean | undefined {
  const arch = typeof rec.architecture === 'object' && rec.architecture !== null ? (rec.architecture as Record<string, unknown>) : {};
  const modalities = Array.isArray(rec.input_modalities) ? rec.input_modalities : Array.isArray(arch.input_modalities) ? arch.input_modalities : undefined;
  if (modalities) return modalities.includes('image');
  const caps = rec.capabilities;
  if (Array.isArray(caps)) return caps.includes('vision');
  if (typeof caps === 'object' && caps !== null && typeof (caps as { vision?: unknown }).vision === 'boolean') return (caps as { vision: boolean }).vision;
  return undefined;
}

function join(base: string, path: string): URL {
  return new URL(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
}

export function createOpenAIProtocol(options: OpenAIProtocolOptions = {}): ChatProtocol {
  const chatPath = options.chatPath ?? 'chat/completions';
  const modelsPath = options.modelsPath ?? 'models';
  return {
    id: 'openai',

    buildChatRequest(request: ChatRequest, stream: boolean, ctx: CallContext): HttpRequestSpec {
      const body = openaiChatBody(request, ctx.model, stream, ctx.preset);
      return {
        method: 'POST',
        url: join(ctx.baseUrl, chatPath),
        headers: {
          'content-type': 'application/json',
          accept: stream ? 'text/event-stream, application/json' : 'application/json',
        },
        body: JSON.stringify(body),
      };
    },

    createDecoder: (ctx) => new OpenAIDecoder(ctx),

    errorFromResponse(response: ErrorResponse, ctx: CallContext) {
      return ctx.error(httpErrorDetails(response));
    },

    buildModelsRequest(ctx: CallContext): HttpRequestSpec {
      return { method: 'GET', url: join(ctx.baseUrl, modelsPath), headers: { accept: 'application/json' } };
    },

    parseModels(body: unknown, ctx: CallContext): ModelList {
      // OpenAI, LMDeploy, vLLM and Ollama all answer {"object":"list","data":[{"id",...}]}.
      const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
      // Ollama sends "data": null while no model is pulled: an empty list, not a broken answer.
      if (data === null) return Object.assign([], { hint: hints.noModels });
      if (!Array.isArray(data)) throw ctx.error({ kind: 'protocol', detail: details.modelListShape });
      const models: ModelList = [];
      for (const m of data) {
        if (typeof m !== 'object' || m === null) continue;
        const rec = m as Record<string, unknown>;
        if (typeof rec.id !== 'string' || rec.id === '') continue;
        models.push({
          id: rec.id,
          ownedBy: typeof rec.owned_by === 'string' ? rec.owned_by : undefined,
          created: typeof rec.created === 'number' ? rec.created : undefined,
          vision: listedVision(rec),
        });
      }
      if (models.length === 0) models.hint = hints.noModels;
      return models;
    },
  };
}
