// The wenxinworkshop API takes a conversation only in one shape (seed: "messages"): an odd number of
// messages, roles alternating user/assistant starting and ending with user, no empty content, and
// at most N characters of content in all (4800 for ChatGLM3-6B). A chat panel's history is not
// always like that (an answer that failed leaves two user turns in a row, an image-less part list,
// a system prompt), so it is shaped here, and the oldest whole turns are left out until it fits.
// Pure functions: the protocol turns their problems into ProviderErrors.

import type { ChatMessage, ContentPart } from '../types';

export interface WireMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

export type SystemPromptMode =
  /** The top-level `system` field (providers.md B: "where the model takes it"). */
  | 'field'
  /** Put in front of the first user message that is sent, for endpoints without the field. */
  | 'prepend';

export interface FitOptions {
  /** Most characters of message content the endpoint takes. */
  readonly maxInputChars: number;
  readonly systemPrompt: SystemPromptMode;
}

export interface FittedConversation {
  readonly messages: readonly WireMessage[];
  /** Only in 'field' mode. */
  readonly system?: string;
  /** Whole turns (a user message and its answer) left out, oldest first. */
  readonly droppedTurns: number;
  /** Characters of content sent, as the limit counts them. */
  readonly chars: number;
}

export type FitProblem =
  | { readonly problem: 'noQuestion' }
  | { readonly problem: 'endsWithAnswer' }
  | {
      readonly problem: 'questionTooLong';
      readonly chars: number;
      readonly limit: number;
      /** The count includes the system prompt (in its field, or put in front of the question in 'prepend' mode). */
      readonly withSystem: boolean;
    };

/** Characters as the API counts them: code points, so an emoji is one, not two UTF-16 units. */
export function charCount(text: string): number {
  return Array.from(text).length;
}

function textOf(content: string | readonly ContentPart[]): string {
  if (typeof content === 'string') return content;
  // Image parts are refused before this (the preset takes no images); only text is joined.
  return content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

/** System prompts, joined in order; undefined when there are none. */
export function systemPrompt(messages: readonly ChatMessage[]): string | undefined {
  const parts = messages.filter((m) => m.role === 'system').map((m) => textOf(m.content).trim()).filter(Boolean);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/**
 * User/assistant messages in the alternating order the API takes: empty messages are dropped (a
 * failed answer), messages of the same role in a row are joined (a question asked again after a
 * failure keeps both wordings), and answers before the first question are dropped.
 */
export function alternate(messages: readonly ChatMessage[]): WireMessage[] {
  const out: Array<{ role: 'user' | 'assistant'; content: string }> = [];
  for (const m of messages) {
    if (m.role !== 'user' && m.role !== 'assistant') continue;
    const content = textOf(m.content);
    if (content.trim() === '') continue;
    const last = out[out.length - 1];
    if (last && last.role === m.role) last.content = `${last.content}\n\n${content}`;
    else if (last || m.role === 'user') out.push({ role: m.role, content });
  }
  return out;
}

/** Shapes and fits a conversation, or says why it cannot be sent. */
export function fitConversation(messages: readonly ChatMessage[], options: FitOptions): FittedConversation | FitProblem {
  const turns = alternate(messages);
  if (turns.length === 0) return { problem: 'noQuestion' };
  if (turns[turns.length - 1].role !== 'user') return { problem: 'endsWithAnswer' };
  const system = systemPrompt(messages);
  const prefix = options.systemPrompt === 'prepend' && system !== undefined ? `${system}\n\n` : '';

  const sizes = turns.map((m) => charCount(m.content));
  // The system field counts against the limit too (Qianfan: messages' content and system together).
  const prefixChars = prefix ? charCount(prefix) : system !== undefined ? charCount(system) : 0;
  // turns = u a u a ... u: drop (u, a) pairs from the front until the rest fits.
  let start = 0;
  let total = sizes.reduce((a, b) => a + b, 0) + prefixChars;
  while (total > options.maxInputChars && start + 1 < turns.length) {
    total -= sizes[start] + sizes[start + 1];
    start += 2;
  }
  if (total > options.maxInputChars) return { problem: 'questionTooLong', chars: total, limit: options.maxInputChars, withSystem: system !== undefined };

  const kept = turns.slice(start);
  const sent = prefix ? [{ role: 'user' as const, content: prefix + kept[0].content }, ...kept.slice(1)] : kept;
  return {
    messages: sent,
    system: options.systemPrompt === 'field' ? system : undefined,
    droppedTurns: start / 2,
    chars: total,
  };
}

export function isFitProblem(r: FittedConversation | FitProblem): r is FitProblem {
  return 'problem' in r;
}
