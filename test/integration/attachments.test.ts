import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeAttachment } from '../../src/editor/attachments';

describe('code attachments from the editor', () => {
  let editor: vscode.TextEditor;

  before(async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'a = 1\nb = 2\nc = 3\n' });
    editor = await vscode.window.showTextDocument(document);
  });

  it('names the lines of a selection that ends at the start of a line without counting that line', () => {
    editor.selection = new vscode.Selection(0, 0, 2, 0);
    const attachment = codeAttachment(editor, false);
    assert.ok(typeof attachment === 'object' && attachment.kind === 'code');
    assert.equal(attachment.startLine, 1);
    assert.equal(attachment.endLine, 2);
    assert.equal(attachment.text, 'a = 1\nb = 2\n');
    assert.equal(attachment.languageId, 'python');
  });

  it('counts the last line when the selection ends inside it', () => {
    editor.selection = new vscode.Selection(1, 0, 2, 3);
    const attachment = codeAttachment(editor, false);
    assert.ok(typeof attachment === 'object' && attachment.kind === 'code');
    assert.deepEqual([attachment.startLine, attachment.endLine], [2, 3]);
  });

  it('attaches the whole file when nothing is selected, and refuses an empty file with a message', async () => {
    editor.selection = new vscode.Selection(0, 2, 0, 2);
    const whole = codeAttachment(editor, false);
    assert.ok(typeof whole === 'object' && whole.kind === 'code');
    assert.equal(whole.startLine, undefined);
    assert.equal(whole.text, 'a = 1\nb = 2\nc = 3\n');
    const empty = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: '   \n' }));
    assert.match(String(codeAttachment(empty, true)), /Nothing to attach|没有可附加/);
  });
});
