import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChorusApi } from '../../src/extension';
import type { Attachment } from '../../src/shared/conversation';
import type { MentionItem } from '../../src/shared/mentions';

type Code = Extract<Attachment, { kind: 'code' }>;

/** Asks until `found` holds: the file index answers from its last list while it lists again. */
async function itemsUntil(api: ChorusApi, query: string, found: (items: MentionItem[]) => boolean): Promise<MentionItem[]> {
  for (;;) {
    const items = await api.mentionItems(query);
    if (found(items)) return items;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('The @ picker\'s files, folders, open editors and selection, in the real extension host', function () {
  this.timeout(60_000);
  const root = (): string => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  let api: ChorusApi;
  let dir: string;
  let rel: string;

  before(async () => {
    api = await vscode.extensions.getExtension<ChorusApi>('chorus-dev.chorus')!.activate();
    dir = fs.mkdtempSync(path.join(root(), 'mentions-'));
    rel = path.basename(dir);
    const write = (name: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    };
    write('lib/paymentGateway.ts', 'export function charge(cents: number): boolean {\n  return cents > 0;\n}\n');
    write('lib/refunds.ts', 'export const refund = (): void => undefined;\n');
    write('.gitignore', 'generated-report.txt\n');
    write('generated-report.txt', 'noise\n');
    write('node_modules/leftpad/index.js', 'module.exports = 1;\n');
    write('hidden-by-setting/notes.txt', 'hidden\n');
    write('id_rsa_backup', '-----BEGIN OPENSSH PRIVATE KEY-----\n');
    await vscode.workspace.getConfiguration('files').update('exclude', { [`**/hidden-by-setting`]: true }, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds a file by a fuzzy part of its name; taking it attaches its text with path and language', async () => {
    const items = await itemsUntil(api, 'paygate', (found) => found.some((i) => i.label === 'paymentGateway.ts'));
    const item = items.find((i) => i.label === 'paymentGateway.ts')!;
    assert.equal(item.kind, 'file');
    assert.equal(item.detail, `${rel}/lib`);
    const { attachments, refused } = await api.takeMention(item.id);
    assert.deepEqual(refused, []);
    const code = attachments[0] as Code;
    assert.equal(code.source, 'file');
    assert.equal(code.path, `${rel}/lib/paymentGateway.ts`);
    assert.equal(code.languageId, 'typescript');
    assert.match(code.text, /return cents > 0;/);
  });

  it('never lists .gitignore\'d files, search.exclude (node_modules), files.exclude, or secret-looking files', async () => {
    await itemsUntil(api, 'paygate', (found) => found.length > 0);
    for (const query of ['generated-report', 'leftpad', 'hidden-by-setting', 'id_rsa']) {
      const items = await api.mentionItems(query);
      assert.deepEqual(items.filter((i) => i.kind === 'file' || i.kind === 'folder').map((i) => i.detail + '/' + i.label), [], query);
    }
  });

  it('a file created later is listed without reopening anything', async () => {
    fs.writeFileSync(path.join(dir, 'lib', 'invoiceTotals.ts'), 'export const total = 0;\n');
    await itemsUntil(api, 'invoicetot', (found) => found.some((i) => i.label === 'invoiceTotals.ts'));
  });

  it('a folder brings its files', async () => {
    const items = await itemsUntil(api, `${rel}/lib`, (found) => found.some((i) => i.kind === 'folder'));
    const folder = items.find((i) => i.kind === 'folder' && i.label === 'lib/')!;
    const { attachments } = await api.takeMention(folder.id);
    assert.deepEqual(attachments.map((a) => (a as Code).path.split('/').pop()).sort(), ['invoiceTotals.ts', 'paymentGateway.ts', 'refunds.ts']);
  });

  it('open editors come first, and the selection is a source of its own', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(dir, 'lib', 'refunds.ts'));
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 7, 0, 19);
    const items = await api.mentionItems('refunds');
    assert.equal(items.find((i) => i.label === 'refunds.ts')?.kind, 'openEditor');
    assert.equal(items.filter((i) => i.label === 'refunds.ts').length, 1, 'listed once');
    const selection = (await api.mentionItems('selection')).find((i) => i.kind === 'selection')!;
    const { attachments } = await api.takeMention(selection.id);
    assert.equal((attachments[0] as Code).text, 'const refund');
    assert.equal((attachments[0] as Code).source, 'selection');
  });

  it('an id the host did not issue attaches nothing', async () => {
    assert.deepEqual(await api.takeMention('m999999'), { attachments: [], refused: [] });
  });
});
