import * as assert from 'node:assert/strict';
import { toChatMessages } from '../../../src/lm/lmMessages';
import { lmModelId, parseLmModelId } from '../../../src/lm/lmModelId';
import { parseToolArguments, ToolArgumentsError } from '../../../src/lm/toolArguments';
import { estimateTokens } from '../../../src/shared/tokenEstimate';

// Shaped as VS Code's LanguageModelTextPart, LanguageModelToolCallPart, LanguageModelToolResultPart
// and LanguageModelDataPart are at run time.
const text = (value: string) => ({ value });
const toolCall = (callId: string, name: string, input: object) => ({ callId, name, input });
const toolResult = (callId: string, content: unknown[]) => ({ callId, content });

describe('lm/messages: VS Code language model messages to the provider module', () => {
  it('maps user, assistant and system text, joining text parts', () => {
    assert.deepEqual(
      toChatMessages([
        { role: 3, content: [text('Be brief.')], name: undefined },
        { role: 1, content: [text('Hello, '), text('world')], name: undefined },
        { role: 2, content: [text('Hi.')], name: undefined },
      ]),
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello, world' },
        { role: 'assistant', content: 'Hi.' },
      ],
    );
  });

  it('turns a tool call round trip into an assistant tool_calls turn and a tool message before the user\'s text', () => {
    const messages = toChatMessages([
      { role: 1, content: [text('Weather in Shanghai?')], name: undefined },
      { role: 2, content: [text(''), toolCall('call_1', 'get_weather', { city: '上海' })], name: undefined },
      { role: 1, content: [toolResult('call_1', [text('{"t":40}')]), text('Thanks')], name: undefined },
    ]);
    assert.deepEqual(messages, [
      { role: 'user', content: 'Weather in Shanghai?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"上海"}' }] },
      { role: 'tool', toolCallId: 'call_1', content: '{"t":40}' },
      { role: 'user', content: 'Thanks' },
    ]);
  });

  it('sends image data parts as data URLs and ignores parts it does not know', () => {
    const [m] = toChatMessages([{ role: 1, content: [text('What is this?'), { mimeType: 'image/png', data: new Uint8Array([1, 2, 3]) }, { unknown: true }, null], name: undefined }]);
    assert.deepEqual(m!.content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image', url: 'data:image/png;base64,AQID' },
    ]);
  });

  it('names models provider/model and reads them back at the first slash (model names may have slashes)', () => {
    assert.equal(lmModelId('siliconflow', 'deepseek-ai/DeepSeek-V4-Flash'), 'siliconflow/deepseek-ai/DeepSeek-V4-Flash');
    assert.deepEqual(parseLmModelId('siliconflow/deepseek-ai/DeepSeek-V4-Flash'), { provider: 'siliconflow', model: 'deepseek-ai/DeepSeek-V4-Flash' });
  });
});

describe('lm/toolArguments', () => {
  it('parses JSON, and repairs InternLM\'s Python-style dicts', () => {
    assert.deepEqual(parseToolArguments('{"location": "shanghai"}'), { location: 'shanghai' });
    assert.deepEqual(parseToolArguments("{'location': 'shanghai', 'days': 3, 'metric': True, 'note': None}"), { location: 'shanghai', days: 3, metric: true, note: null });
    assert.deepEqual(parseToolArguments("{'q': 'it\\'s \"quoted\"', 'path': 'C:\\\\tmp'}"), { q: 'it\'s "quoted"', path: 'C:\\tmp' });
    assert.deepEqual(parseToolArguments('  '), {});
  });

  it('refuses what is not an object, keeping the text for the message', () => {
    assert.throws(() => parseToolArguments('[1, 2]'), ToolArgumentsError);
    assert.throws(() => parseToolArguments("{'unterminated: 1"), (e: Error) => e instanceof ToolArgumentsError && e.message.includes('unterminated'));
  });

  // The project's rule for parsers of hostile input: a quadratic one takes minutes on this.
  it('is linear on hostile input (a long run of escaped quotes)', function () {
    this.timeout(5000);
    assert.throws(() => parseToolArguments(`{'${"\\'".repeat(200_000)}`), ToolArgumentsError);
  });
});

describe('shared/tokenEstimate', () => {
  it('counts Chinese at about 0.6 and English and code at about 0.3 tokens a character, rounding up', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('abcdefghij'), 3);
    assert.equal(estimateTokens('你好世界'), 3);
    assert.equal(estimateTokens('😀'), 1, 'an emoji is one character, not two code units');
    assert.ok(estimateTokens('函数'.repeat(1000)) > estimateTokens('fn'.repeat(1000)));
  });
});
