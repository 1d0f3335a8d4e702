// The layer zones are ESLint rules (eslint.config.mjs; `npm run check` runs them over src and
// test). These cases show the rules catch what they are meant to: each snippet is linted as if it
// were the named file.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../../..');

describe('lint: layer zones', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'eslint.config.mjs') });

  async function rulesBroken(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
  }

  const vscodeForms = [
    "import * as vscode from 'vscode';\nexport const v = vscode;\n",
    "import { window } from 'vscode';\nexport const w = window;\n",
    "export { Uri } from 'vscode';\n",
    "import type * as vscode from 'vscode';\nexport type U = vscode.Uri;\n",
  ];

  for (const file of ['src/providers/x.ts', 'src/providers/qianfan/x.ts', 'src/shared/x.ts', 'src/prompts/x.ts', 'src/webview/x.ts', 'src/editor/cleanRewrite.ts', 'test/unit/x.test.ts']) {
    it(`refuses vscode in ${file}`, async () => {
      for (const code of vscodeForms) assert.ok((await rulesBroken(file, code)).includes('no-restricted-imports'), code);
    });
  }

  it('allows vscode in host code', async () => {
    assert.deepEqual(await rulesBroken('src/chat/x.ts', vscodeForms[0]!), []);
  });

  const refused: Array<[file: string, specifier: string]> = [
    ['src/providers/x.ts', '../shared/webviewProtocol'],
    ['src/providers/x.ts', '../config/settings'],
    ['src/shared/x.ts', '../providers'],
    ['src/webview/x.ts', '../providers'],
    ['src/webview/render/x.ts', '../../chat/chatController'],
    ['src/prompts/x.ts', '../chat/chatController'],
    ['src/editor/x.ts', '../chat/chatController'],
    ['src/config/x.ts', '../editor/lastEditor'],
    ['src/ui/x.ts', '../config/settings'],
    ['src/chat/x.ts', '../commands/selectModel'],
    ['src/editor/x.ts', '../commands/rewriteSelection'],
    ['src/scm/x.ts', '../chat/chatController'],
    ['src/editor/x.ts', '../scm/gitApi'],
  ];
  for (const [file, specifier] of refused) {
    it(`refuses ${specifier} in ${file}`, async () => {
      assert.ok((await rulesBroken(file, `export * from '${specifier}';\n`)).includes('import-x/no-restricted-paths'));
    });
  }

  const allowed: Array<[file: string, specifier: string]> = [
    ['src/webview/x.ts', '../shared/webviewProtocol'],
    ['src/prompts/x.ts', '../providers'],
    ['src/chat/x.ts', '../editor/lastEditor'],
    ['src/commands/x.ts', '../chat/chatController'],
    ['src/commands/x.ts', '../scm/gitApi'],
    ['src/extension.ts', './commands/selectModel'],
  ];
  for (const [file, specifier] of allowed) {
    it(`allows ${specifier} in ${file}`, async () => {
      assert.deepEqual(await rulesBroken(file, `export * from '${specifier}';\n`), []);
    });
  }

  it('lets a rule be switched off only with a reason, and never a layer rule', async () => {
    const code = "// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport let a: any;\n";
    assert.ok((await rulesBroken('src/chat/x.ts', code)).includes('@eslint-community/eslint-comments/require-description'));
    const layer = "// eslint-disable-next-line import-x/no-restricted-paths -- because\nexport * from '../chat/chatController';\n";
    assert.ok((await rulesBroken('src/editor/x.ts', layer)).includes('@eslint-community/eslint-comments/no-restricted-disable'));
  });

  it('caps functions in src at 80 lines', async () => {
    const long = `export function f(): number {\n  let n = 0;\n${'  n += 1;\n'.repeat(80)}  return n;\n}\n`;
    assert.ok((await rulesBroken('src/chat/x.ts', long)).includes('max-lines-per-function'));
  });
});
