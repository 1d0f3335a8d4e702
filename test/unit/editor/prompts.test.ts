import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { userContent } from '../../../src/chat/requestMessages';
import { innermostSymbol, type SymbolNode } from '../../../src/editor/enclosingSymbol';
import { parseInstructions, rememberInstruction } from '../../../src/editor/instructionHistory';
import { answerLanguage, explainPrompt, rewriteMessages } from '../../../src/editor/prompts';

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

describe('recent instructions', () => {
  it('puts the newest first, without duplicates, and keeps at most ten', () => {
    assert.deepEqual(rememberInstruction(['b', 'a'], ' a '), ['a', 'b']);
    assert.deepEqual(rememberInstruction(['a'], '   '), ['a']);
    const many = Array.from({ length: 10 }, (_, i) => `i${i}`);
    assert.deepEqual(rememberInstruction(many, 'new').length, 10);
    assert.equal(rememberInstruction(many, 'new')[0], 'new');
  });

  it('reads back only strings from storage', () => {
    assert.deepEqual(parseInstructions(['a', 3, '', 'b']), ['a', 'b']);
    assert.deepEqual(parseInstructions('a'), []);
  });
});

describe('enclosing function', () => {
  const range = (a: number, b: number, c = 0, d = 0): SymbolNode['range'] => ({ start: { line: a, character: c }, end: { line: b, character: d } });
  const FUNCTION = 11;
  const METHOD = 5;
  const CLASS = 4;
  const tree: SymbolNode[] = [
    { name: 'Box', kind: CLASS, range: range(0, 20), children: [{ name: 'open', kind: METHOD, range: range(2, 8, 2, 3), children: [{ name: 'inner', kind: FUNCTION, range: range(4, 6) }] }] },
    { name: 'free', kind: FUNCTION, range: range(22, 25) },
  ];
  const kinds = new Set([FUNCTION, METHOD]);

  it('finds the innermost function or method around the position', () => {
    assert.equal(innermostSymbol(tree, { line: 5, character: 1 }, kinds)?.name, 'inner');
    assert.equal(innermostSymbol(tree, { line: 3, character: 0 }, kinds)?.name, 'open');
    assert.equal(innermostSymbol(tree, { line: 23, character: 0 }, kinds)?.name, 'free');
  });

  it('finds none outside every function, and reads a flat list', () => {
    assert.equal(innermostSymbol(tree, { line: 10, character: 0 }, kinds), undefined);
    const flat: SymbolNode[] = [{ name: 'outer', kind: FUNCTION, range: range(0, 9) }, { name: 'nested', kind: FUNCTION, range: range(2, 3) }];
    assert.equal(innermostSymbol(flat, { line: 2, character: 5 }, kinds)?.name, 'nested');
  });
});

describe('layering: the editor\'s pure logic has no vscode import', () => {
  it('finds none', () => {
    const root = path.resolve(__dirname, '../../../..');
    const pure = ['cleanRewrite.ts', 'anchor.ts', 'prompts.ts', 'instructionHistory.ts', 'enclosingSymbol.ts'];
    for (const file of pure) {
      const source = fs.readFileSync(path.join(root, 'src', 'editor', file), 'utf8');
      assert.doesNotMatch(source, /(?:from\s*|import\s*\(?\s*|require\s*\(\s*)['"]vscode['"]/, file);
    }
  });
});
