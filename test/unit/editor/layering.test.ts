import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('layering: the editor\'s pure logic has no vscode import', () => {
  it('finds none', () => {
    const root = path.resolve(__dirname, '../../../..');
    const pure = ['cleanRewrite.ts', 'streamingPreview.ts', 'anchor.ts', 'prompts.ts', 'instructionHistory.ts', 'enclosingSymbol.ts'];
    for (const file of pure) {
      const source = fs.readFileSync(path.join(root, 'src', 'editor', file), 'utf8');
      assert.doesNotMatch(source, /(?:from\s*|import\s*\(?\s*|require\s*\(\s*)['"]vscode['"]/, file);
    }
  });
});
