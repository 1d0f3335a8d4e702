import type { Conversation } from '../../src/shared/conversation';

export const DURABLE_ID = 'durable-conversation';

/** Version `n` of a conversation: 0.4–2.8 MB of text, so a save takes long enough to interrupt. */
export function conversationVersion(n: number): Conversation {
  const text = `${String(n % 10).repeat(400_000 * ((n % 7) + 1))}#${n}`;
  return {
    id: DURABLE_ID,
    title: `version ${n}`,
    createdAt: 1,
    updatedAt: n,
    provider: 'openai',
    model: 'fake-model',
    turns: [
      { id: `q${n}`, role: 'user', text: `question ${n}`, createdAt: n },
      { id: `a${n}`, role: 'assistant', text, status: 'done', createdAt: n, provider: 'openai', model: 'fake-model' },
    ],
  };
}

/** The version a parsed file holds, if it is exactly one of the versions (else undefined). */
export function versionOf(value: unknown): number | undefined {
  const c = value as Conversation;
  const n = Number(/^version (\d+)$/.exec(c?.title ?? '')?.[1]);
  if (!Number.isInteger(n)) return undefined;
  return JSON.stringify(conversationVersion(n)) === JSON.stringify(value) ? n : undefined;
}
