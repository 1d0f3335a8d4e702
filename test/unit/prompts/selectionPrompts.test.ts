import * as assert from 'node:assert/strict';
import { userContent } from '../../../src/prompts/chatTurns';
import { answerLanguage, explainPrompt, rewriteMessages } from '../../../src/prompts/selectionPrompts';

describe('answer language', () => {
  it('follows VS Code\'s display language unless the setting names one', () => {
    assert.equal(answerLanguage('auto', 'zh-cn'), 'zh-cn');
    assert.equal(answerLanguage('auto', 'zh-tw'), 'zh-cn');
    assert.equal(answerLanguage('auto', 'en'), 'en');
    assert.equal(answerLanguage('auto', 'de'), 'en');
    assert.equal(answerLanguage('en', 'zh-cn'), 'en');
    assert.equal(answerLanguage('zh-cn', 'en'), 'zh-cn');
  });
});

describe('explain prompt', () => {
  it('asks for an explanation in the answer language', () => {
    assert.match(explainPrompt({ kind: 'selection' }, 'en'), /^Explain the selected code.*Answer in English\.$/);
    assert.match(explainPrompt({ kind: 'selection' }, 'zh-cn'), /^请解释所选代码.*请用简体中文回答。$/);
  });

  it('says what it took when nothing was selected', () => {
    assert.match(explainPrompt({ kind: 'function', name: 'add' }, 'en'), /Nothing was selected, so this is the function `add`/);
    assert.match(explainPrompt({ kind: 'line', line: 7 }, 'en'), /Nothing was selected, so this is line 7/);
    assert.match(explainPrompt({ kind: 'function', name: 'add' }, 'zh-cn'), /未选择代码.*函数 `add`/);
  });
});

describe('code attachment with surrounding lines', () => {
  it('labels the lines before and after as context, with their line numbers', () => {
    const content = userContent('Explain.', [
      { kind: 'code', path: 'src/a.ts', languageId: 'typescript', startLine: 4, endLine: 5, text: 'x();\ny();', before: 'a();\nb();', after: 'z();' },
    ]);
    assert.equal(
      content,
      [
        'src/a.ts (lines 4-5):',
        '```typescript',
        'x();\ny();',
        '```',
        'Lines 2-3, just before it (context only):',
        '```typescript',
        'a();\nb();',
        '```',
        'Lines 6-6, just after it (context only):',
        '```typescript',
        'z();',
        '```',
        '',
        'Explain.',
      ].join('\n'),
    );
  });
});

describe('rewrite request', () => {
  it('sends rules, then the selection with its path, language and context, then the instruction', () => {
    const messages = rewriteMessages({ kind: 'code', path: 'a.py', languageId: 'python', startLine: 2, endLine: 2, text: 'x = 1', before: 'def f():' }, '  use a constant  ', 'zh-cn');
    assert.equal(messages[0]!.role, 'system');
    assert.match(messages[0]!.content as string, /one fenced code block/);
    assert.match(messages[0]!.content as string, /Simplified Chinese/);
    const user = messages[1]!.content as string;
    assert.match(user, /^a\.py \(lines 2-2\):\n```python\nx = 1\n```\nLines 1-1, just before it \(context only\):\n```python\ndef f\(\):\n```/);
    assert.match(user, /Instruction: use a constant$/);
  });
});
