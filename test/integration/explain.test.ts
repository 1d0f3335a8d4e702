import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplainResult } from '../../src/commands/explainSelection';
import type { ChorusApi } from '../../src/extension';
import type { Attachment } from '../../src/shared/conversation';
import { sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { OPENAI_SETTINGS, pointOpenAiAt, resetChorusSettings } from './openAiSettings';
import { closeUntitledEditors, openUntitled } from './untitledEditor';

type Body = { messages: Array<{ role: string; content: string }> };

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('chorus');
const explain = (): Thenable<ExplainResult> => vscode.commands.executeCommand<ExplainResult>('chorus.explainSelection');

describe('Explain Selection', () => {
  let fake: FakeProvider;
  let api: ChorusApi;
  const lastUserMessage = (): string => (fake.requests.at(-1)!.body as Body).messages.at(-1)!.content;

  before(async () => {
    api = await vscode.extensions.getExtension<ChorusApi>('chorus-dev.chorus')!.activate();
    fake = await startFakeProvider();
    await pointOpenAiAt(fake.baseUrl);
    await vscode.commands.executeCommand('chorus.newChat');
  });

  afterEach(async () => {
    await closeUntitledEditors();
  });

  after(async () => {
    await resetChorusSettings([...OPENAI_SETTINGS, 'responseLanguage']);
    await fake.close();
  });

  it('sends the selection with its path, language and surrounding lines, and the answer appears in the panel', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'sample.ts');
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(1, 0, 1, editor.document.lineAt(1).text.length);
    fake.enqueue(sseReply(textChunks('It returns the sum of `a` and `b`.')));
    const result = await explain();
    assert.deepEqual(result, { state: 'answered', status: 'done' });

    const content = lastUserMessage();
    assert.match(content, /^sample\.ts \(lines 2-2\):\n```typescript\n {2}return a \+ b;\n```\n/);
    assert.match(content, /Lines 1-1, just before it \(context only\):\n```typescript\nexport function add\(a: number, b: number\): number \{\n```/);
    assert.match(content, /Lines 3-3, just after it \(context only\):\n```typescript\n\}\n```/);
    assert.match(content, /Explain the selected code: .*Answer in English\.$/);

    await api.chatViewReady();
    const turns = api.currentConversation().turns;
    const [question, answer] = turns.slice(-2);
    assert.equal(question?.role, 'user');
    assert.deepEqual(question?.role === 'user' && question.attachments?.map((a: Attachment) => a.kind === 'code' && a.text), ['  return a + b;']);
    assert.equal(answer?.role, 'assistant');
    assert.equal(answer?.text, 'It returns the sum of `a` and `b`.');
    assert.equal(answer?.role === 'assistant' && answer.status, 'done');
  });

  it('continues the same conversation with the next explanation', async () => {
    const turnsBefore = api.currentConversation().turns.length;
    const editor = await openUntitled('SELECT id, name\nFROM users\nWHERE active = 1;\n', 'sql');
    editor.selection = new vscode.Selection(2, 0, 2, 17);
    fake.enqueue(sseReply(textChunks('It keeps only active users.')));
    assert.deepEqual(await explain(), { state: 'answered', status: 'done' });
    const messages = (fake.requests.at(-1)!.body as Body).messages;
    assert.equal(messages.length, turnsBefore + 1, 'the earlier turns are sent along');
    assert.match(messages.at(-1)!.content, /```sql\nWHERE active = 1;\n```/);
    assert.equal(api.currentConversation().turns.length, turnsBefore + 2);
  });

  it('with no selection, explains the function around the cursor and says so', async () => {
    const source = 'intro\nfunction compute() {\n  step one\n  step two\n}\noutro\n';
    const provider = vscode.languages.registerDocumentSymbolProvider({ language: 'plaintext' }, {
      provideDocumentSymbols: (document) => {
        const range = new vscode.Range(1, 0, 4, 1);
        return [new vscode.DocumentSymbol('compute', '', vscode.SymbolKind.Function, range, document.lineAt(1).range)];
      },
    });
    try {
      const editor = await openUntitled(source, 'plaintext');
      editor.selection = new vscode.Selection(2, 3, 2, 3);
      fake.enqueue(sseReply(textChunks('It runs two steps.')));
      assert.deepEqual(await explain(), { state: 'answered', status: 'done' });
      const content = lastUserMessage();
      assert.match(content, /\(lines 2-5\):\n```plaintext\nfunction compute\(\) \{\n {2}step one\n {2}step two\n\}\n```/);
      assert.match(content, /Nothing was selected, so this is the function `compute` around the cursor\./);
    } finally {
      provider.dispose();
    }
  });

  it('with no selection, finds a method inside a class (the symbol tree, not a flat list)', async () => {
    const source = 'class Shop {\n  total() {\n    return 1;\n  }\n}\n';
    const provider = vscode.languages.registerDocumentSymbolProvider({ language: 'plaintext' }, {
      provideDocumentSymbols: (document) => {
        const shop = new vscode.DocumentSymbol('Shop', '', vscode.SymbolKind.Class, new vscode.Range(0, 0, 4, 1), document.lineAt(0).range);
        shop.children.push(new vscode.DocumentSymbol('total', '', vscode.SymbolKind.Method, new vscode.Range(1, 2, 3, 3), new vscode.Range(1, 2, 1, 7)));
        return [shop];
      },
    });
    try {
      const editor = await openUntitled(source, 'plaintext');
      editor.selection = new vscode.Selection(2, 4, 2, 4);
      fake.enqueue(sseReply(textChunks('It returns one.')));
      assert.deepEqual(await explain(), { state: 'answered', status: 'done' });
      const content = lastUserMessage();
      assert.match(content, /\(lines 2-4\):\n```plaintext\ntotal\(\) \{\n {4}return 1;\n {2}\}\n```/);
      assert.match(content, /this is the function `total` around the cursor\./);
    } finally {
      provider.dispose();
    }
  });

  it('with no selection outside any function, explains the current line and says so', async () => {
    const editor = await openUntitled('first line\nsecond line\nthird line\n', 'plaintext');
    editor.selection = new vscode.Selection(1, 2, 1, 2);
    fake.enqueue(sseReply(textChunks('It is the second line.')));
    assert.deepEqual(await explain(), { state: 'answered', status: 'done' });
    const content = lastUserMessage();
    assert.match(content, /\(lines 2-2\):\n```plaintext\nsecond line\n```/);
    assert.match(content, /Nothing was selected, so this is line 2, where the cursor is\./);
  });

  it('asks for the answer in Chinese when chorus.responseLanguage says so', async () => {
    await config().update('responseLanguage', 'zh-cn', vscode.ConfigurationTarget.Global);
    const editor = await openUntitled('x = 1\n', 'python');
    editor.selection = new vscode.Selection(0, 0, 0, 5);
    fake.enqueue(sseReply(textChunks('把 1 赋给 x。')));
    assert.deepEqual(await explain(), { state: 'answered', status: 'done' });
    assert.match(lastUserMessage(), /请解释所选代码.*请用简体中文回答。$/);
    const system = (fake.requests.at(-1)!.body as Body).messages[0]!;
    assert.equal(system.role, 'system', 'the chat is told the answer language too');
    assert.match(system.content, /^Answer in Simplified Chinese/);
    await config().update('responseLanguage', undefined, vscode.ConfigurationTarget.Global);
  });

  it('a missing key offers Set API Key and sends nothing', async () => {
    await config().update('provider', 'qianfan-v2', vscode.ConfigurationTarget.Global);
    try {
      const editor = await openUntitled('x = 1\n', 'python');
      editor.selection = new vscode.Selection(0, 0, 0, 5);
      const count = fake.requests.length;
      const result = await explain();
      assert.equal(result.state, 'refused');
      assert.match(result.state === 'refused' ? result.message : '', /no API key is set for Qianfan v2/);
      assert.equal(fake.requests.length, count);
    } finally {
      await config().update('provider', 'openai', vscode.ConfigurationTarget.Global);
    }
  });

  it('Ask about Selection puts the selection into the composer as a chip, sending nothing', async () => {
    const editor = await openUntitled('let a = 1;\nlet b = a + 1;\n', 'javascript');
    editor.selection = new vscode.Selection(1, 0, 1, 14);
    const count = fake.requests.length;
    const chip = await vscode.commands.executeCommand<Attachment | undefined>('chorus.askAboutSelection');
    // What the command saw, should it attach nothing.
    const seen = (): string => {
      const active = vscode.window.activeTextEditor;
      const visible = vscode.window.visibleTextEditors.map((e) => e.document.uri.toString());
      return `active: ${active?.document.uri.toString()} ${JSON.stringify(active?.selection)}; visible: ${visible.join(', ')}`;
    };
    assert.ok(chip?.kind === 'code', seen());
    assert.equal(chip.text, 'let b = a + 1;');
    assert.equal(chip.languageId, 'javascript');
    assert.equal(chip.startLine, 2);
    assert.equal(chip.before, 'let a = 1;');
    assert.equal(fake.requests.length, count);
  });
});
