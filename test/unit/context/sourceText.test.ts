import * as assert from 'node:assert/strict';
import { cappedText } from '../../../src/context/cappedText';
import { type Problem, problemsText, problemText, shownLine, sortProblems } from '../../../src/context/problemText';
import { commandText, plainTerminalText, tailOf, withoutEscapes } from '../../../src/context/terminalText';

describe('context/cappedText: attachment text within the limit', () => {
  it('keeps short text whole and unmarked', () => {
    assert.deepEqual(cappedText('abc', 3), { text: 'abc' });
  });

  it('keeps the start of long text and records its length before the cut', () => {
    assert.deepEqual(cappedText('abcdef', 4), { text: 'abcd', trimmedFrom: 6 });
  });

  it('never keeps half a surrogate pair', () => {
    const cut = cappedText('ab😀cd', 3);
    assert.equal(cut.text, 'ab');
    assert.equal(cut.trimmedFrom, 6);
  });
});

describe('context/problemText: problems written for the model', () => {
  const problem = (over: Partial<Problem>): Problem => ({
    severity: 'error',
    path: 'src/a.ts',
    line: 3,
    column: 5,
    message: 'Colon expected',
    lines: [{ number: 3, text: '  "b" 2' }],
    ...over,
  });

  it('writes the place, severity, source and code, the message, and the numbered lines', () => {
    assert.equal(problemText(problem({ source: 'json', code: '515' })), 'src/a.ts:3:5 error (json 515): Colon expected\n3 |   "b" 2');
    assert.equal(problemText(problem({ lines: [] })), 'src/a.ts:3:5 error: Colon expected');
  });

  it('aligns line numbers of different widths and indents a message of several lines', () => {
    const text = problemText(problem({ line: 9, message: "Type 'x' is not assignable.\n  Types differ.", lines: [{ number: 9, text: 'a' }, { number: 10, text: 'b' }] }));
    assert.equal(text, "src/a.ts:9:5 error: Type 'x' is not assignable.\n    Types differ.\n 9 | a\n10 | b");
  });

  it('puts errors first, then warnings, info and hints, each by file and line', () => {
    const sorted = sortProblems([
      problem({ severity: 'hint', path: 'a', line: 1 }),
      problem({ severity: 'warning', path: 'b', line: 2 }),
      problem({ severity: 'error', path: 'b', line: 7 }),
      problem({ severity: 'info', path: 'a', line: 1 }),
      problem({ severity: 'warning', path: 'a', line: 9 }),
      problem({ severity: 'error', path: 'b', line: 3 }),
    ]);
    assert.deepEqual(sorted.map((p) => `${p.severity} ${p.path}:${p.line}`), ['error b:3', 'error b:7', 'warning a:9', 'warning b:2', 'info a:1', 'hint a:1']);
  });

  it('shows a window of a very long line around the problem, marked where cut', () => {
    const line = `${'x'.repeat(1000)}BROKEN${'y'.repeat(1000)}`;
    const shown = shownLine(line, 1000);
    assert.ok(shown.startsWith('…') && shown.endsWith('…'));
    assert.ok(shown.includes('BROKEN'));
    assert.ok(shown.length < 250);
    assert.equal(shownLine('short line', 3), 'short line');
    assert.ok(shownLine(line, 0).startsWith('xxx'), 'a problem at the start shows the start');
  });

  it('says how many problems were left out', () => {
    const text = problemsText([problem({}), problem({ line: 4 })], 5);
    assert.match(text, /^src\/a\.ts:3:5 error: Colon expected\n3 \| {3}"b" 2\n\nsrc\/a\.ts:4:5/);
    assert.match(text, /\n\n\(3 more problem\(s\) not shown\)$/);
    assert.doesNotMatch(problemsText([problem({})], 1), /not shown/);
  });
});

describe('context/terminalText: terminal output as the text on screen', () => {
  it('takes out colours, cursor moves, titles and shell integration marks', () => {
    const raw = '\x1b]633;C\x07\x1b[1;31merror\x1b[0m: \x1b[Kfailed\r\n\x1b]0;title\x1b\\\x1b(Bdone\x1b[?2004h\r\n\x1b]633;D;1\x07';
    assert.equal(plainTerminalText(raw), 'error: failed\ndone');
  });

  it('takes out 8-bit controls, bells and backspaces, and keeps tabs', () => {
    assert.equal(withoutEscapes('a\x9b31mb\x9d0;t\x9cc\x07d\be\tf'), 'abcde\tf');
  });

  it('keeps what stays of a line rewritten with carriage returns (progress)', () => {
    assert.equal(plainTerminalText('10%\r50%\r100%\r\nnext\r\r\n'), '100%\nnext');
  });

  it('ends an unterminated sequence at the end of the text, or at the next escape', () => {
    assert.equal(plainTerminalText('ok\x1b]633;E;never ends'), 'ok');
    assert.equal(plainTerminalText('a\x1b]0;title\x1b[31mb'), 'ab');
    assert.equal(plainTerminalText('a\x1b'), 'a');
  });

  it('is linear on hostile output', function () {
    this.timeout(3_000);
    const hostile = ['\x1b]'.repeat(300_000), '\x1b['.repeat(300_000), `\x1b[${'1;'.repeat(300_000)}`, '\r'.repeat(300_000) + 'x', '\x1b\x1b('.repeat(200_000), `\x1bP${'\x1b'.repeat(300_000)}`];
    for (const raw of hostile) {
      const started = process.hrtime.bigint();
      plainTerminalText(raw);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(ms < 500, `${JSON.stringify(raw.slice(0, 6))}… took ${ms} ms`);
    }
  });

  it('keeps the end of long output from the start of a line', () => {
    assert.deepEqual(tailOf('first line\nsecond\nthird', 12), { text: 'second\nthird', cut: true });
    assert.deepEqual(tailOf('first line\nsecond\nthird', 10), { text: 'third', cut: true });
    assert.deepEqual(tailOf('short', 12), { text: 'short', cut: false });
    assert.deepEqual(tailOf('a😀bc', 3), { text: 'bc', cut: true });
  });

  it('writes a command and its output, saying what is missing or unfinished', () => {
    const base = { commandLine: 'npm test', output: '\x1b[32m3 passing\x1b[0m\r\n', outputCut: false, running: false, exitCode: 0 };
    assert.equal(commandText(base, 100), '$ npm test\n3 passing');
    assert.equal(commandText({ ...base, exitCode: 2 }, 100), '$ npm test\n3 passing\n[exit code 2]');
    assert.equal(commandText({ ...base, running: true, exitCode: undefined }, 100), '$ npm test\n3 passing\n[still running]');
    assert.equal(commandText({ ...base, output: '' }, 100), '$ npm test\n[no output was reported for this command]');
    assert.equal(commandText({ ...base, output: 'a\nb\nc\nd', outputCut: true }, 100), '$ npm test\n[… earlier output left out]\na\nb\nc\nd');
    assert.equal(commandText({ ...base, output: 'line one\nline two\nline three' }, 12), '$ npm test\n[… earlier output left out]\nline three');
  });
});
