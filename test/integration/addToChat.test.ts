import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Attachment } from '../../src/shared/conversation';

type Code = Extract<Attachment, { kind: 'code' }>;

describe('Add to Chorus Chat (files and folders)', () => {
  const root = (): string => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(root(), 'add-to-chat-'));
    fs.writeFileSync(path.join(dir, 'util.ts'), 'export const twice = (n: number): number => n * 2;\n');
    fs.writeFileSync(path.join(dir, 'notes.md'), '# 说明\n\n中文说明。\n');
    fs.writeFileSync(path.join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds a file with its path and language, as the Explorer passes it (clicked, selected)', async () => {
    const uri = vscode.Uri.file(path.join(dir, 'util.ts'));
    const added = await vscode.commands.executeCommand<Attachment[]>('chorus.addToChat', uri, [uri]);
    assert.equal(added.length, 1);
    const code = added[0] as Code;
    assert.equal(code.kind, 'code');
    assert.equal(code.path, vscode.workspace.asRelativePath(uri));
    assert.equal(code.languageId, 'typescript');
    assert.equal(code.text, 'export const twice = (n: number): number => n * 2;\n');
  });

  it('adds several selected files, and refuses a binary one without attaching it', async () => {
    const uris = ['util.ts', 'notes.md', 'logo.png'].map((name) => vscode.Uri.file(path.join(dir, name)));
    const added = await vscode.commands.executeCommand<Attachment[]>('chorus.addToChat', uris[0], uris);
    assert.deepEqual(added.map((a) => (a as Code).path.split('/').pop()), ['util.ts', 'notes.md']);
    assert.equal((added[1] as Code).languageId, 'markdown');
  });

  it('adds a small folder as its text files, leaving out binaries', async () => {
    const added = await vscode.commands.executeCommand<Attachment[]>('chorus.addToChat', vscode.Uri.file(dir));
    assert.deepEqual(added.map((a) => (a as Code).path.split('/').pop()).sort(), ['notes.md', 'util.ts']);
  });
});
