import * as assert from 'node:assert/strict';
import { cleanRewrite, type SelectionShape } from '../../../src/editor/cleanRewrite';
import { StreamingPreview, type Timers } from '../../../src/editor/streamingPreview';

/** One timer at a time, fired by the test. */
class ManualTimers implements Timers {
  private pending: (() => void) | undefined;
  setTimeout(callback: () => void): unknown {
    this.pending = callback;
    return callback;
  }
  clearTimeout(): void {
    this.pending = undefined;
  }
  fire(): void {
    const callback = this.pending;
    this.pending = undefined;
    callback?.();
  }
}

const shape: SelectionShape = { original: '  a();\n', linePrefix: '', eol: '\n', insertSpaces: true, tabSize: 4 };

describe('StreamingPreview', () => {
  // Before, every streamed event cleaned the whole answer so far: 5,000 cleanings, quadratic in the answer.
  it('cleans a 100,000-character answer streamed in 5,000 deltas only when the preview updates', function () {
    this.timeout(3000);
    let code = '';
    for (let i = 0; code.length < 100_000; i++) code += `const value${i} = compute(input, options); // keep\n`;
    const answer = `Here is the rewrite:\n\n\`\`\`ts\n${code}\`\`\`\n\nIt keeps the options.`;
    const timers = new ManualTimers();
    let cleanings = 0;
    let shown = '';
    const preview = new StreamingPreview(
      (text) => {
        cleanings++;
        return cleanRewrite(text, shape, true);
      },
      (proposal) => (shown = proposal),
      50,
      timers,
    );
    const deltas = Math.ceil(answer.length / 20);
    for (let i = 0; i < deltas; i++) {
      preview.push(answer.slice(0, (i + 1) * 20));
      if (i % 50 === 49) timers.fire(); // the interval passes every 50 deltas
    }
    timers.fire();
    assert.ok(cleanings <= Math.ceil(deltas / 50) + 1, `${cleanings} cleanings for ${deltas} deltas`);
    assert.ok(shown === cleanRewrite(answer, shape), 'the preview shows the whole answer');
    assert.ok(shown.startsWith('  const value0 = compute(input, options); // keep\n  const value1'));
  });

  it('shows the latest answer once per interval, and nothing after stop', () => {
    const timers = new ManualTimers();
    const cleaned: string[] = [];
    const shown: string[] = [];
    const preview = new StreamingPreview(
      (text) => {
        cleaned.push(text);
        return text.toUpperCase();
      },
      (text) => shown.push(text),
      50,
      timers,
    );
    preview.push('a');
    preview.push('ab');
    timers.fire();
    preview.push('abc');
    preview.stop();
    timers.fire();
    assert.deepEqual(shown, ['AB']);
    assert.deepEqual(cleaned, ['ab']);
  });
});
