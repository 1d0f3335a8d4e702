import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChorusApi } from '../../src/extension';
import { sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { OPENAI_SETTINGS, pointOpenAiAt, resetChorusSettings } from './openAiSettings';

type Body = { messages: Array<{ role: string; content: string }> };

const chorus = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('chorus');
const root = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const promptsFolder = (): vscode.Uri => vscode.Uri.joinPath(root(), '.chorus', 'prompts');

async function writePrompt(name: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(promptsFolder(), name), new TextEncoder().encode(text));
}

describe('slash commands and prompt files', () => {
  let fake: FakeProvider;
  let api: ChorusApi;
  let userFolder: string;
  const lastUserMessage = (): string => (fake.requests.at(-1)!.body as Body).messages.at(-1)!.content;

  /** Sends `text` as the composer does, in a new conversation, and returns what the provider received. */
  async function send(text: string): Promise<string> {
    await vscode.commands.executeCommand('chorus.newChat');
    fake.enqueue(sseReply(textChunks('Done.')));
    await api.sendPrompt(text);
    return lastUserMessage();
  }

  before(async () => {
    api = await vscode.extensions.getExtension<ChorusApi>('chorus-dev.chorus')!.activate();
    fake = await startFakeProvider();
    await pointOpenAiAt(fake.baseUrl);
    await chorus().update('responseLanguage', 'en', vscode.ConfigurationTarget.Global);
    userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-user-prompts-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), '.chorus'), { recursive: true, useTrash: false });
    await resetChorusSettings([...OPENAI_SETTINGS, 'responseLanguage', 'promptFolders']);
    fs.rmSync(userFolder, { recursive: true, force: true });
    await fake.close();
  });

  it('expands a workspace prompt file: the selection and the file fenced with path and lines, the input as typed', async () => {
    await writePrompt('check.md', '---\ndescription: Check the code against the team rules\n---\nCheck this:\n${selection}\nWhole file:\n${file}\nAsk: ${input}\n');
    await writePrompt('Not-A-Command.md', 'ignored');
    const commands = await api.slashCommands();
    assert.deepEqual(commands.find((c) => c.name === 'check'), { name: 'check', description: 'Check the code against the team rules', source: 'workspace' });
    assert.equal(commands.some((c) => c.name.toLowerCase() === 'not-a-command'), false, 'a file name outside [a-z0-9-] is no command');
    assert.deepEqual(commands.filter((c) => c.source === 'builtIn').map((c) => c.name), ['doc', 'explain', 'fix', 'review', 'tests']);

    const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(root(), 'sample.ts'));
    editor.selection = new vscode.Selection(1, 0, 1, editor.document.lineAt(1).text.length);
    const typed = '/check focus on ${selection} and ${file}';
    const content = await send(typed);
    const file = editor.document.getText();
    assert.equal(
      content,
      `Check this:\nsample.ts (lines 2-2):\n\`\`\`typescript\n  return a + b;\n\`\`\`\nWhole file:\nsample.ts:\n\`\`\`typescript\n${file}\n\`\`\`\nAsk: focus on \${selection} and \${file}`,
      'placeholders the user typed are sent as typed, not filled',
    );
    const [question] = api.currentConversation().turns;
    assert.equal(question?.text, typed, 'the panel shows what the user typed');
    assert.equal(question?.role === 'user' && question.prompt, content, 'the turn keeps what was sent, for Regenerate');
  });

  it('replaces a built-in with a prompt file of its name, and the built-in answers in the response language', async () => {
    const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(root(), 'sample.ts'));
    editor.selection = new vscode.Selection(1, 0, 1, editor.document.lineAt(1).text.length);
    assert.match(await send('/fix the sum'), /^Find the bugs in the following code .*Answer in English\.\n\nsample\.ts \(lines 2-2\):\n```typescript\n {2}return a \+ b;\n```\n\nthe sum$/s);
    await chorus().update('responseLanguage', 'zh-cn', vscode.ConfigurationTarget.Global);
    try {
      assert.match(await send('/fix'), /^请找出以下代码中的错误并修复。.*请用简体中文回答。\n\nsample\.ts/s);
    } finally {
      await chorus().update('responseLanguage', 'en', vscode.ConfigurationTarget.Global);
    }
    await writePrompt('fix.md', 'Our own fix prompt for ${selection}');
    assert.equal((await api.slashCommands()).find((c) => c.name === 'fix')?.source, 'workspace');
    assert.match(await send('/fix'), /^Our own fix prompt for sample\.ts \(lines 2-2\):/);
  });

  it('reads the user\'s prompt folders (chorus.promptFolders), which win over the workspace\'s, and notes a missing editor', async () => {
    fs.writeFileSync(path.join(userFolder, 'check.md'), '---\ndescription: Mine\n---\nMy check of ${selection}, please.');
    await chorus().update('promptFolders', [userFolder], vscode.ConfigurationTarget.Global);
    assert.deepEqual((await api.slashCommands()).find((c) => c.name === 'check'), { name: 'check', description: 'Mine', source: 'user' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(await send('/check now'), 'My check of (Here would be the selected code, but no editor is open.), please.\n\nnow');
  });

  it('sends a /word that is no command as typed', async () => {
    assert.equal(await send('/nosuchcommand at all'), '/nosuchcommand at all');
    const [question] = api.currentConversation().turns;
    assert.equal(question?.role === 'user' ? question.prompt : 'not a user turn', undefined);
  });
});
