import * as assert from 'node:assert/strict';
import { requestMessages } from '../../../src/prompts/chatTurns';
import type { Turn } from '../../../src/shared/conversation';

describe('prompts/chatTurns: what a request sends back', () => {
  it("sends an earlier answer's text, never its thinking", () => {
    const turns: Turn[] = [
      { id: 'u1', role: 'user', text: 'Why?', createdAt: 0 },
      { id: 'a1', role: 'assistant', text: 'Because.', reasoning: 'Let me think <secret>', thinkingMs: 1200, status: 'done', createdAt: 1, provider: 'openai', model: 'm' },
      { id: 'u2', role: 'user', text: 'And?', createdAt: 2 },
    ];
    const messages = requestMessages(turns, 'sys');
    assert.deepEqual(messages, [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'Why?' },
      { role: 'assistant', content: 'Because.' },
      { role: 'user', content: 'And?' },
    ]);
    assert.ok(!JSON.stringify(messages).includes('secret'));
  });

  it('leaves out an answer that only thought (no answer text) with its prompt, like any empty answer', () => {
    const turns: Turn[] = [
      { id: 'u1', role: 'user', text: 'Hm', createdAt: 0 },
      { id: 'a1', role: 'assistant', text: '', reasoning: 'thinking only', status: 'stopped', createdAt: 1, provider: 'openai', model: 'm' },
      { id: 'u2', role: 'user', text: 'Again', createdAt: 2 },
    ];
    assert.deepEqual(requestMessages(turns), [{ role: 'user', content: 'Again' }]);
  });
});
