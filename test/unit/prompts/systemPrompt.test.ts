import * as assert from 'node:assert/strict';
import { rewriteMessages } from '../../../src/prompts/selectionPrompts';
import { chatSystemPrompt, instructionsText, withInstructions } from '../../../src/prompts/systemPrompt';

const agents = { name: 'AGENTS.md', text: 'Use tabs.\n' };
const own = { name: 'settings', text: 'Be brief.' };

describe('system prompt', () => {
  it('has no instructions when every source is empty', () => {
    assert.equal(instructionsText([]), undefined);
    assert.equal(instructionsText([{ name: 'AGENTS.md', text: '  \n' }]), undefined);
  });

  it('sends one source as it is, and several each under its name, in order', () => {
    assert.equal(instructionsText([agents]), 'Follow these instructions from the user and their project:\n\nUse tabs.');
    const both = instructionsText([own, agents])!;
    assert.match(both, /From settings:\nBe brief\.\n\nFrom AGENTS\.md:\nUse tabs\.$/);
  });

  it('chat: nothing at all with no instructions and the language left to the conversation', () => {
    assert.equal(chatSystemPrompt([], undefined), undefined);
  });

  it('chat: the answer language first, then the instructions', () => {
    assert.equal(chatSystemPrompt([], 'en'), 'Answer in English unless the user asks for another language.');
    const zh = chatSystemPrompt([agents], 'zh-cn')!;
    assert.match(zh, /^Answer in Simplified Chinese \(请用简体中文回答\)/);
    assert.match(zh, /\n\nFollow these instructions from the user and their project:\n\nUse tabs\.$/);
    assert.equal(chatSystemPrompt([agents], undefined), instructionsText([agents]));
  });

  it('a task keeps its own rules first and its reply format over the instructions', () => {
    assert.equal(withInstructions('RULES', []), 'RULES');
    const merged = withInstructions('RULES', [agents]);
    assert.ok(merged.startsWith('RULES\n\nFollow these instructions'));
    assert.match(merged, /Use tabs\.\n\nWhere these instructions conflict with the reply format above, keep the reply format\.$/);
  });

  it('rewrite puts the instructions into its one system message', () => {
    const code = { kind: 'code' as const, path: 'a.ts', languageId: 'typescript', text: 'x', startLine: 1, endLine: 1 };
    const messages = rewriteMessages(code, 'swap', 'en', [agents]);
    assert.deepEqual(messages.map((m) => m.role), ['system', 'user']);
    assert.match(String(messages[0]!.content), /^You rewrite code[\s\S]*Use tabs\./);
    assert.doesNotMatch(String(rewriteMessages(code, 'swap', 'en')[0]!.content), /Follow these instructions/);
  });
});
