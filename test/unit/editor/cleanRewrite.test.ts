import * as assert from 'node:assert/strict';
import { cleanRewrite, extractCode, fitToSelection, shownSelection, type SelectionShape } from '../../../src/editor/cleanRewrite';

const shape = (original: string, more: Partial<SelectionShape> = {}): SelectionShape => ({
  original,
  linePrefix: '',
  eol: '\n',
  insertSpaces: true,
  tabSize: 4,
  ...more,
});

describe('extractCode', () => {
  it('unwraps one fenced block and drops the prose around it', () => {
    const answer = 'Here is the rewritten code:\n\n```ts\nconst a = 1;\nconst b = 2;\n```\n\nThis uses `const` for both.';
    assert.equal(extractCode(answer), 'const a = 1;\nconst b = 2;');
  });

  it('takes an answer without a fence as code, without its blank edges', () => {
    assert.equal(extractCode('\n\nreturn a * b;\n\n'), 'return a * b;');
  });

  it('takes the first block when there are several', () => {
    assert.equal(extractCode('```js\nfirst();\n```\nor\n```js\nsecond();\n```'), 'first();');
  });

  it('reads tilde fences and longer fences holding backticks', () => {
    assert.equal(extractCode('~~~python\nprint(1)\n~~~'), 'print(1)');
    assert.equal(extractCode('````md\n```js\nx\n```\n````'), '```js\nx\n```');
  });

  it('reads CRLF answers', () => {
    assert.equal(extractCode('Sure:\r\n```c\r\nint x;\r\nint y;\r\n```\r\n'), 'int x;\nint y;');
  });

  it('removes an indented fence\'s indentation from its content', () => {
    assert.equal(extractCode('1. Code:\n   ```ts\n   if (x) {\n     y();\n   }\n   ```'), 'if (x) {\n  y();\n}');
  });

  it('does not take inline code with three backticks for a fence', () => {
    assert.equal(extractCode('```a``` b'), '```a``` b');
  });

  it('unwraps a one-line answer in single backticks', () => {
    assert.equal(extractCode('`a + b`'), 'a + b');
  });

  it('while streaming, reads an unclosed fence to the end and holds back a closing fence still arriving', () => {
    assert.equal(extractCode('Here:\n```ts\nconst a = 1;\ncon', true), 'const a = 1;\ncon');
    assert.equal(extractCode('```ts\nconst a = 1;\n``', true), 'const a = 1;');
    assert.equal(extractCode('``', true), '');
    assert.equal(extractCode('```ts\nconst a = 1;\n``', false), 'const a = 1;\n``');
  });
});

describe('fitToSelection', () => {
  it('puts back the base indentation a model dropped, keeping relative indentation', () => {
    const original = '    if (a) {\n        b();\n    }';
    assert.equal(fitToSelection('if (a) {\n    c();\n}', shape(original)), '    if (a) {\n        c();\n    }');
  });

  it('leaves code alone that already has the selection\'s indentation', () => {
    const original = '  x();\n  y();';
    assert.equal(fitToSelection('  x();\n  z();', shape(original)), '  x();\n  z();');
  });

  it('keeps the trailing line break of a whole-line selection, and adds none to one without', () => {
    assert.equal(fitToSelection('b();\n\n', shape('  a();\n')), '  b();\n');
    assert.equal(fitToSelection('b();\n', shape('a()')), 'b();');
  });

  it('keeps blank lines opening the selection and the next line\'s indentation closing it', () => {
    assert.equal(fitToSelection('b();', shape('\n\n  a();\n  ')), '\n\n  b();\n  ');
  });

  it('writes the document\'s CRLF line endings, whatever the model sent', () => {
    const original = '\tif (a) {\r\n\t\tb();\r\n\t}\r\n';
    const fitted = fitToSelection('if (a) {\n\tc();\r\n\td();\n}', shape(original, { eol: '\r\n', insertSpaces: false }));
    assert.equal(fitted, '\tif (a) {\r\n\t\tc();\r\n\t\td();\r\n\t}\r\n');
    assert.equal(fitted.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
  });

  it('converts a model\'s spaces to the editor\'s tabs, and tabs to spaces', () => {
    assert.equal(fitToSelection('if (a) {\n    b();\n}', shape('\tif (a) {\n\t\ta();\n\t}', { insertSpaces: false })), '\tif (a) {\n\t\tb();\n\t}');
    assert.equal(fitToSelection('if (a) {\n\tb();\n}', shape('  if (a) {\n    a();\n  }', { tabSize: 2 })), '  if (a) {\n    b();\n  }');
  });

  it('starting inside the indentation, the first line gets none (the document has it)', () => {
    const s = shape('return a + b;', { linePrefix: '    ' });
    assert.equal(shownSelection(s), '    return a + b;');
    assert.equal(fitToSelection('return a * b;', s), 'return a * b;');
    assert.equal(fitToSelection('    return a * b;', s), 'return a * b;');
  });

  it('starting mid-line, the first line loses its indentation and the others keep theirs', () => {
    const s = shape('foo(a,\n    b)', { linePrefix: '  const x = ' });
    assert.equal(fitToSelection('foo(a,\n    c)', s), 'foo(a,\n    c)');
  });

  it('drops trailing spaces and turns whitespace-only lines into empty ones', () => {
    assert.equal(fitToSelection('a();   \n   \nb();', shape('x();\ny();')), 'a();\n\nb();');
  });

  it('gives nothing for an answer with no code', () => {
    assert.equal(fitToSelection('\n  \n', shape('a();')), '');
  });
});

describe('cleanRewrite', () => {
  it('fenced answer with prose, for an indented method body in a CRLF file', () => {
    const original = '        const sum = a + b;\r\n        return sum;\r\n';
    const answer = 'Here you go:\n```typescript\nreturn a + b;\n```\nI removed the temporary.';
    assert.equal(cleanRewrite(answer, shape(original, { eol: '\r\n' })), '        return a + b;\r\n');
  });

  it('unfenced answer', () => {
    assert.equal(cleanRewrite('const total = items.reduce((s, i) => s + i, 0);', shape('let total = 0;\nfor (const i of items) total += i;')), 'const total = items.reduce((s, i) => s + i, 0);');
  });
});

describe('cleanRewrite on hostile answers', () => {
  const blank = ' '.repeat(40_000);
  const tabs = '\t'.repeat(40_000);

  // Each case took about 1 s with the backtracking trailing-whitespace regexes (quadratic in the run).
  it('cleans 40,000-character runs of spaces or tabs before a non-space in linear time', function () {
    this.timeout(1000);
    assert.equal(cleanRewrite('```js\n' + blank + 'x\n```', shape('a();')), 'x');
    assert.equal(cleanRewrite('```js\nx' + tabs + 'y\n```', shape('a();')), 'x' + tabs + 'y');
    assert.equal(cleanRewrite('x' + ' \t'.repeat(20_000) + 'y', shape('a();'), true), 'x' + ' \t'.repeat(20_000) + 'y');
    assert.equal(cleanRewrite('```js\nx' + blank + '\n```', shape('a();')), 'x');
  });

  // 2 s before: the opening-fence regex's `(.*)$` failed at the U+2028 and retried every shorter run of backticks.
  it('reads a line of 40,000 backticks ending in a line separator in linear time', function () {
    this.timeout(1000);
    const line = '`'.repeat(40_000) + '\u2028x';
    assert.ok(extractCode(line + '\ncode', true) === 'code', 'read as a fence whose info string holds the separator');
  });

  it('reads a selection opening with 40,000 spaces before a line break in linear time', function () {
    this.timeout(1000);
    // The blank line opening the selection stays as it was.
    assert.ok(cleanRewrite('b();', shape(blank + '\n  a();')) === blank + '\n  b();');
  });
});
