// VS Code Language Model messages → the provider module's ChatMessage[]. Parts are recognised by
// shape, not by class, so this is plain data in and out (unit-tested without VS Code).

import type { ChatMessage, ContentPart, ToolCall } from '../providers';
import type { LmRequestMessage } from './newerApi';

// VS Code's LanguageModelChatMessageRole: 1 user (and anything unknown), 2 assistant, 3 system (proposed).
const ASSISTANT = 2;
const SYSTEM = 3;

interface Sorted {
  readonly content: ContentPart[];
  readonly calls: ToolCall[];
  readonly results: ChatMessage[];
}

/**
 * One VS Code message can hold text, images, tool calls (assistant) and tool results (user): the
 * results become `tool` messages before the rest of a user message, as OpenAI-style APIs expect.
 */
export function toChatMessages(messages: readonly LmRequestMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const message of messages) {
    const { content, calls, results } = sortParts(message.content);
    out.push(...results);
    const role = message.role === ASSISTANT ? 'assistant' : message.role === SYSTEM ? 'system' : 'user';
    if (content.length === 0 && calls.length === 0) continue;
    const onlyText = content.every((p) => p.type === 'text');
    const body = onlyText ? content.map((p) => (p.type === 'text' ? p.text : '')).join('') : content;
    out.push({ role, content: body, ...(calls.length ? { toolCalls: calls } : {}), ...(message.name && role === 'user' ? { name: message.name } : {}) });
  }
  return out;
}

function sortParts(parts: ReadonlyArray<unknown>): Sorted {
  const sorted: Sorted = { content: [], calls: [], results: [] };
  for (const part of parts) {
    if (typeof part !== 'object' || part === null) continue;
    const p = part as Record<string, unknown>;
    if (typeof p.value === 'string' && !('callId' in p)) sorted.content.push({ type: 'text', text: p.value });
    else if (typeof p.callId === 'string' && typeof p.name === 'string' && 'input' in p) {
      sorted.calls.push({ id: p.callId, name: p.name, arguments: JSON.stringify(p.input ?? {}) });
    } else if (typeof p.callId === 'string' && Array.isArray(p.content)) {
      sorted.results.push({ role: 'tool', toolCallId: p.callId, content: resultText(p.content) });
    } else if (typeof p.mimeType === 'string' && p.mimeType.startsWith('image/') && p.data instanceof Uint8Array) {
      sorted.content.push({ type: 'image', url: `data:${p.mimeType};base64,${Buffer.from(p.data).toString('base64')}` });
    }
  }
  return sorted;
}

/** A tool result's text parts (other parts, such as prompt-tsx, are JSON). */
function resultText(content: readonly unknown[]): string {
  return content
    .map((c) => (typeof c === 'object' && c !== null && typeof (c as { value?: unknown }).value === 'string' ? (c as { value: string }).value : JSON.stringify(c)))
    .join('');
}

