// Generate Commit Message in the real extension host, with a real git repository that the built-in
// git extension opens: the message streams into that repository's input box.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommitMessageResult } from '../../src/scm/commitMessageController';
import { sseReply, startFakeProvider, textChunks, type FakeProvider } from '../fixtures/fakeProvider';
import { OPENAI_SETTINGS, pointOpenAiAt, resetChorusSettings } from './openAiSettings';

type Body = { messages: Array<{ role: string; content: string }> };

interface Repository {
  readonly inputBox: { value: string };
  readonly state: { readonly indexChanges: readonly unknown[] };
  status(): Promise<void>;
}

interface GitApi {
  openRepository(root: vscode.Uri): Promise<Repository | null>;
  getRepository(uri: vscode.Uri): Repository | null;
}

const generate = (root: vscode.Uri): Thenable<CommitMessageResult> => vscode.commands.executeCommand<CommitMessageResult>('chorus.generateCommitMessage', root);

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Generate Commit Message', function () {
  this.timeout(60_000);
  let fake: FakeProvider;
  let dir: string;
  let root: vscode.Uri;
  let repository: Repository;
  let gitEnabled: boolean | undefined;
  const lastBody = (): Body => fake.requests.at(-1)!.body as Body;

  before(async () => {
    fake = await startFakeProvider();
    await pointOpenAiAt(fake.baseUrl);
    dir = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'commit-repo');
    fs.mkdirSync(dir, { recursive: true });
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.email', 'test@example.com');
    git(dir, 'config', 'user.name', 'Test');
    fs.writeFileSync(path.join(dir, 'greeting.txt'), 'hello\n');
    git(dir, 'add', 'greeting.txt');
    git(dir, 'commit', '-q', '-m', 'Start');
    fs.writeFileSync(path.join(dir, 'greeting.txt'), 'hello\nworld\n');
    git(dir, 'add', 'greeting.txt');
    root = vscode.Uri.file(dir);
    // The test VS Code runs with git off (test/harness/codeServer.ts); this suite turns it on.
    gitEnabled = vscode.workspace.getConfiguration('git').inspect<boolean>('enabled')?.globalValue;
    await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
    const extension = vscode.extensions.getExtension<{ readonly enabled: boolean; getAPI(version: 1): GitApi }>('vscode.git')!;
    const exports = extension.isActive ? extension.exports : await extension.activate();
    await until(() => exports.enabled);
    const api = exports.getAPI(1);
    repository = (await api.openRepository(root)) ?? (await until(() => api.getRepository(root) ?? undefined));
    await until(async () => {
      await repository.status();
      return repository.state.indexChanges.length === 1;
    });
  });

  after(async () => {
    await resetChorusSettings([...OPENAI_SETTINGS, 'commitMessage.style']);
    await vscode.workspace.getConfiguration('git').update('enabled', gitEnabled, vscode.ConfigurationTarget.Global);
    await fake.close();
  });

  it('writes exactly the answer into the input box, from the staged diff', async () => {
    const answer = 'feat(greeting): greet the world\n\nAdd a second line to the greeting.';
    fake.enqueue(sseReply(textChunks(answer)));
    const result = await generate(root);
    assert.deepEqual(result, { state: 'written', message: answer });
    assert.equal(repository.inputBox.value, answer);
    const [system, user] = lastBody().messages;
    assert.equal(system!.role, 'system');
    assert.match(system!.content, /Conventional Commits/);
    assert.match(user!.content, /1 file\(s\) changed:\n greeting\.txt \| \+1 -0/);
    assert.match(user!.content, /diff --git a\/greeting\.txt b\/greeting\.txt[\s\S]*\n hello\n\+world/);
  });

  it('never writes thinking text, and takes off a fence around the message', async () => {
    await vscode.workspace.getConfiguration('chorus').update('commitMessage.style', 'plain', vscode.ConfigurationTarget.Global);
    const thinking = { id: 'x', object: 'chat.completion.chunk', created: 1, model: 'fake-model', choices: [{ index: 0, delta: { reasoning_content: 'Let me think about the diff' }, finish_reason: null }] };
    fake.enqueue(sseReply([thinking, ...textChunks('```\nGreet the world too\n```')]));
    assert.deepEqual(await generate(root), { state: 'written', message: 'Greet the world too' });
    assert.equal(repository.inputBox.value, 'Greet the world too');
    assert.doesNotMatch(lastBody().messages[0]!.content, /Conventional Commits/);
    // R1-style models without a reasoning parser: the thinking is a <think> block in the content, cut across deltas.
    fake.enqueue(sseReply(textChunks('<think>思考 the diff</think>\n\nGreet the world too', { piece: 4 })));
    assert.deepEqual(await generate(root), { state: 'written', message: 'Greet the world too' });
  });

  it('a second press while it runs stops it', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fake.enqueue(sseReply([...textChunks('fix: partial').slice(0, 2), { until: gate }, ...textChunks('fix: partial').slice(2)]));
    const count = fake.requests.length;
    const running = generate(root);
    await fake.waitForRequests(count + 1);
    await until(() => repository.inputBox.value.startsWith('fix: par'));
    assert.deepEqual(await generate(root), { state: 'stopped' });
    assert.deepEqual(await running, { state: 'stopped' });
    release();
    assert.equal(repository.inputBox.value, 'fix: par', 'what arrived stays for the user to edit');
  });

  it('with nothing staged, describes every change and names untracked files', async () => {
    git(dir, 'commit', '-q', '-m', 'Greet the world');
    fs.writeFileSync(path.join(dir, 'greeting.txt'), 'hello\nworld\nagain\n');
    fs.writeFileSync(path.join(dir, 'new-file.md'), '# new\n');
    await until(async () => {
      await repository.status();
      return repository.state.indexChanges.length === 0;
    });
    fake.enqueue(sseReply(textChunks('Say hello again')));
    assert.deepEqual(await generate(root), { state: 'written', message: 'Say hello again' });
    const user = lastBody().messages[1]!.content;
    assert.match(user, /\+again/);
    assert.match(user, /New files not yet tracked by git \(their content is not shown\):\n new-file\.md$/);
  });
});
