// ChatRequest → OpenAI chat-completions JSON body. Only the parameters the preset lists are written
// (the InternLM API documents that it takes nothing else).

import type { ChatMessage, ChatRequest, ContentPart } from './types';
import type { ProviderPreset, ThinkingSwitch, WireParam } from './preset';

type WireContent = string | Array<{ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } }>;

interface WireMessage {
  role: string;
  content: WireContent;
  tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
  name?: string;
  reasoning_content?: string;
}

function wireContent(content: string | readonly ContentPart[]): WireContent {
  if (typeof content === 'string') return content;
  // Text-only part lists become a plain string: servers of text-only models may reject arrays.
  if (content.every((p) => p.type === 'text')) return content.map((p) => (p.type === 'text' ? p.text : '')).join('');
  return content.map((p) => (p.type === 'text' ? { type: 'text' as const, text: p.text } : { type: 'image_url' as const, image_url: { url: p.url } }));
}

function wireMessage(m: ChatMessage, reasoningOnToolTurns: boolean): WireMessage {
  const out: WireMessage = { role: m.role, content: wireContent(m.content) };
  if (m.toolCalls && m.toolCalls.length > 0) {
    out.tool_calls = m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
    // Even an empty one: DeepSeek answers 400 when the field is missing on a tool-call turn.
    if (reasoningOnToolTurns && m.role === 'assistant') out.reasoning_content = m.reasoning ?? '';
  }
  if (m.toolCallId !== undefined) out.tool_call_id = m.toolCallId;
  if (m.name !== undefined) out.name = m.name;
  return out;
}

/** The body fields that say thinking on or off, in the service's own documented form. */
export function thinkingFields(style: ThinkingSwitch, on: boolean): Record<string, unknown> {
  switch (style) {
    case 'thinkingType':
      return { thinking: { type: on ? 'enabled' : 'disabled' } };
    case 'enableThinking':
      return { enable_thinking: on };
    case 'templateKwargs':
      return { chat_template_kwargs: { enable_thinking: on } };
    case 'reasoningEffortNone':
      return on ? {} : { reasoning_effort: 'none' };
  }
}

type BodyPreset = Pick<ProviderPreset, 'params' | 'thinkingSwitch' | 'reasoningOnToolTurns' | 'maxTokensName'>;

export function openaiChatBody(request: ChatRequest, model: string, stream: boolean, preset: BodyPreset): Record<string, unknown> {
  const { params } = preset;
  const messages = request.messages.map((m) => wireMessage(m, preset.reasoningOnToolTurns === true));
  const body: Record<string, unknown> = { model, messages };
  const take = (wire: WireParam, value: unknown, name: string = wire): void => {
    if (value !== undefined && params.includes(wire)) body[name] = value;
  };
  take('n', request.n);
  take('temperature', request.temperature);
  take('top_p', request.topP);
  take('max_tokens', request.maxTokens, preset.maxTokensName);
  take('stop', request.stop);
  take('presence_penalty', request.presencePenalty);
  take('frequency_penalty', request.frequencyPenalty);
  take(
    'tools',
    request.tools?.map((t) => ({
      type: 'function',
      function: {
        name: t.name,
        ...(t.description !== undefined ? { description: t.description } : {}),
        ...(t.parameters !== undefined ? { parameters: t.parameters } : {}),
      },
    })),
  );
  if (request.thinking && preset.thinkingSwitch) Object.assign(body, thinkingFields(preset.thinkingSwitch, request.thinking === 'on'));
  body.stream = stream;
  if (stream) take('stream_options', { include_usage: true });
  return body;
}
