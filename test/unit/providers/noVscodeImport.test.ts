// src/providers and src/shared run in plain Node (and the webview bundle): no `vscode` import.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const VSCODE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]vscode['"]/;

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(e.name) ? [p] : [];
  });
}

describe('layering: no vscode import in src/providers or src/shared', () => {
  it('the pattern catches every import form', () => {
    for (const line of ["import * as vscode from 'vscode';", 'import { window } from "vscode"', "const v = require('vscode')", "await import('vscode')", "export { Uri } from 'vscode';"]) {
      assert.ok(VSCODE_IMPORT.test(line), line);
    }
    assert.ok(!VSCODE_IMPORT.test("import type { X } from './vscodeLike';"));
  });

  it('finds none', () => {
    const files = [...sources(path.join(ROOT, 'src/providers')), ...sources(path.join(ROOT, 'src/shared'))];
    assert.ok(files.filter((f) => f.includes(`${path.sep}providers${path.sep}`)).length >= 10, 'the scan must see the provider sources');
    const offenders = files.filter((f) => VSCODE_IMPORT.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders.map((f) => path.relative(ROOT, f)), []);
  });
});
