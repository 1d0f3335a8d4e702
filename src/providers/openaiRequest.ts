// ChatRequest → OpenAI chat-completions JSON body. Only the parameters the preset lists are written
// (the InternLM API documents that it takes nothing else).

import type { ChatMessage, ChatRequest, ContentPart } from './types';
import type { WireParam } from './preset';

type WireContent = string | Array<{ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } }>;

interface WireMessage {
  role: string;
  content: WireContent;
  tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
  name?: string;
}

function wireContent(content: string | readonly ContentPart[]): WireContent {
  if (typeof content === 'string') return content;
  // Text-only part lists become a plain string: servers of text-only models may reject arrays.
  if (content.every((p) => p.type === 'text')) return content.map((p) => (p.type === 'text' ? p.text : '')).join('');
  return content.map((p) => (p.type === 'text' ? { type: 'text' as const, text: p.text } : { type: 'image_url' as const, image_url: { url: p.url } }));
}

function wireMessage(m: ChatMessage): WireMessage {
  const out: WireMessage = { role: m.role, content: wireContent(m.content) };
  if (m.toolCalls && m.toolCalls.length > 0) {
    out.tool_calls = m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  }
  if (m.toolCallId !== undefined) out.tool_call_id = m.toolCallId;
  if (m.name !== undefined) out.name = m.name;
  return out;
}

export function openaiChatBody(request: ChatRequest, model: string, stream: boolean, params: readonly WireParam[]): Record<string, unknown> {
  const body: Record<string, unknown> = { model, messages: request.messages.map(wireMessage) };
  const take = (wire: WireParam, value: unknown): void => {
    if (value !== undefined && params.includes(wire)) body[wire] = value;
  };
  take('n', request.n);
  take('temperature', request.temperature);
  take('top_p', request.topP);
  take('max_tokens', request.maxTokens);
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
  body.stream = stream;
  if (stream) take('stream_options', { include_usage: true });
  return body;
}
