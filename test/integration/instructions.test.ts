// Instructions in the real extension host: AGENTS.md at the workspace root and chorus.instructions
// arrive as the system prompt of the chat (Explain sends its turns through it) and of Rewrite.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplainResult } from '../../src/commands/explainSelection';
import type { RewriteCommandResult } from '../../src/commands/rewriteSelection';
import { sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { OPENAI_SETTINGS, pointOpenAiAt, resetChorusSettings } from './openAiSettings';
import { closeUntitledEditors, openUntitled } from './untitledEditor';

type Body = { messages: Array<{ role: string; content: string }> };

const AGENTS_TEXT = 'Always name the team style guide: ACME-42.';
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('chorus');
const agentsUri = (): vscode.Uri => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'AGENTS.md');

describe('Instructions', () => {
  let fake: FakeProvider;
  const lastBody = (): Body => fake.requests.at(-1)!.body as Body;

  async function explainSomething(answer: string): Promise<Body> {
    const editor = await openUntitled('x = 1\n', 'python');
    editor.selection = new vscode.Selection(0, 0, 0, 5);
    fake.enqueue(sseReply(textChunks(answer)));
    assert.deepEqual(await vscode.commands.executeCommand<ExplainResult>('chorus.explainSelection'), { state: 'answered', status: 'done' });
    return lastBody();
  }

  before(async () => {
    await vscode.extensions.getExtension('chorus-dev.chorus')!.activate();
    fake = await startFakeProvider();
    await pointOpenAiAt(fake.baseUrl);
    assert.ok(vscode.workspace.isTrusted, 'the test workspace is trusted');
    await vscode.workspace.fs.writeFile(agentsUri(), new TextEncoder().encode(`${AGENTS_TEXT}\n`));
    await vscode.commands.executeCommand('chorus.newChat');
  });

  afterEach(async () => {
    await closeUntitledEditors();
  });

  after(async () => {
    await vscode.workspace.fs.delete(agentsUri());
    await resetChorusSettings([...OPENAI_SETTINGS, 'instructions', 'useWorkspaceInstructions', 'responseLanguage']);
    await vscode.commands.executeCommand('chorus.newChat');
    await fake.close();
  });

  it('AGENTS.md is the system prompt of the chat (an Explain turn)', async () => {
    const body = await explainSomething('It sets x.');
    assert.equal(body.messages[0]!.role, 'system');
    assert.match(body.messages[0]!.content, /^Follow these instructions from the user and their project:\n\nAlways name the team style guide: ACME-42\.$/);
    assert.equal(body.messages.filter((m) => m.role === 'system').length, 1);
    assert.equal(body.messages.at(-1)!.role, 'user');
  });

  it('AGENTS.md follows the rewrite rules in the system prompt of Rewrite', async () => {
    const editor = await openUntitled('let total = 1.5;\n', 'typescript');
    editor.selection = new vscode.Selection(0, 0, 0, 16);
    fake.enqueue(sseReply(textChunks('```typescript\nlet total = 2;\n```')));
    const result = await vscode.commands.executeCommand<RewriteCommandResult>('chorus.rewriteSelection', { instruction: 'round it' });
    assert.equal(result?.state, 'ready');
    const system = lastBody().messages[0]!;
    assert.equal(system.role, 'system');
    assert.match(system.content, /^You rewrite code in the user's editor\./);
    assert.ok(system.content.includes(AGENTS_TEXT), 'the AGENTS.md text is in the system prompt');
    await vscode.commands.executeCommand('chorus.rejectRewrite');
  });

  it('the setting comes first, and the answer language joins it when chorus.responseLanguage names one', async () => {
    await config().update('instructions', 'Prefer small functions.', vscode.ConfigurationTarget.Global);
    await config().update('responseLanguage', 'zh-cn', vscode.ConfigurationTarget.Global);
    const system = (await explainSomething('它给 x 赋值。')).messages[0]!.content;
    assert.match(system, /^Answer in Simplified Chinese[^\n]*\n\nFollow these instructions from the user and their project:\n\nFrom settings:\nPrefer small functions\.\n\nFrom AGENTS\.md:\nAlways name the team style guide: ACME-42\.$/);
  });

  it('chorus.useWorkspaceInstructions off leaves the workspace files out', async () => {
    await config().update('instructions', undefined, vscode.ConfigurationTarget.Global);
    await config().update('responseLanguage', undefined, vscode.ConfigurationTarget.Global);
    await config().update('useWorkspaceInstructions', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('chorus.newChat');
    const body = await explainSomething('It sets x.');
    assert.deepEqual(body.messages.map((m) => m.role), ['user'], 'no system prompt at all');
    assert.ok(!JSON.stringify(body).includes('ACME-42'));
  });
});
