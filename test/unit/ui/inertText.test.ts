import * as assert from 'node:assert/strict';
import { inertText } from '../../../src/ui/inertText';

// VS Code's notification renderer (vs/base/common/linkedText.ts) links `[label](command:…)`,
// `[label](https://…)` and `[label](file:…)`; status bar and quick picks draw `$(icon)`.
const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('inertText: provider words shown as plain text', () => {
  it('breaks every link VS Code would render in a notification', () => {
    const hostile = [
      '[Fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%5Cn%22%7D)',
      'see [docs](https://evil.example/x "title") now',
      '[a](file:///etc/passwd)',
      '[nested [b]](command:chorus.setApiKey)',
      '[x]  \t(command:x)',
    ];
    for (const text of hostile) {
      const out = inertText(text);
      assert.equal([...out.matchAll(LINK)].length, 0, out);
      assert.ok(out.includes('command:') || out.includes('https:') || out.includes('file:'), 'the words themselves stay readable');
    }
  });

  it('breaks icon syntax', () => {
    assert.doesNotMatch(inertText('$(alert) urgent'), /\$\(/);
  });

  it('leaves ordinary text alone and shortens very long text', () => {
    assert.equal(inertText('HTTP 400, code invalid_request (f(x) [1])'), 'HTTP 400, code invalid_request (f(x) [1])');
    const long = inertText('y'.repeat(10_000));
    assert.ok(long.length < 1_000);
  });

  it('is linear on hostile input', function () {
    this.timeout(2_000);
    const out = inertText(`${'] '.repeat(200_000)}${'$('.repeat(200_000)}`);
    assert.ok(out.length < 1_000);
  });
});
