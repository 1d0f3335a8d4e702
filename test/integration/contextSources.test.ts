// The @ picker's sources besides files, each against the real thing in the extension host: Problems
// from VS Code's JSON language server, a git repository through the built-in git extension, a bash
// terminal with shell integration, and TypeScript's symbols.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { gitChangesAttachment } from '../../src/context/gitChanges';
import { problemsAttachment } from '../../src/context/problems';
import { findSymbols, symbolAttachment } from '../../src/context/symbols';
import { TerminalRecorder, terminalAttachment } from '../../src/context/terminalOutput';
import type { Attachment } from '../../src/shared/conversation';

type Code = Extract<Attachment, { kind: 'code' }>;

/** Polls `probe` until it gives a value; the mocha timeout ends a wait that never comes. */
async function until<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, every = 100): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

function code(attachment: Attachment | string): Code {
  assert.notEqual(typeof attachment, 'string', `expected an attachment, got: ${String(attachment)}`);
  assert.equal((attachment as Attachment).kind, 'code');
  return attachment as Code;
}

const root = (): string => vscode.workspace.workspaceFolders![0]!.uri.fsPath;

describe('Context sources: problems', function () {
  this.timeout(120_000);
  let dir: string;
  let broken: vscode.Uri;

  before(async () => {
    dir = fs.mkdtempSync(path.join(root(), 'problems-'));
    broken = vscode.Uri.file(path.join(dir, 'broken.json'));
    fs.writeFileSync(broken.fsPath, '{\n  "name": "chorus",\n  "version" "1.0.0"\n}\n');
    await vscode.window.showTextDocument(broken);
    // The JSON language server starts and validates in its own time.
    await until(() => vscode.languages.getDiagnostics(broken).length > 0);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("attaches the editor's file problems with the message and the line it points at", async () => {
    const [diagnostic] = vscode.languages.getDiagnostics(broken);
    const label = vscode.workspace.asRelativePath(broken);
    const attachment = code(await problemsAttachment('file', vscode.window.activeTextEditor));
    assert.equal(attachment.source, 'problems');
    assert.equal(attachment.languageId, 'text');
    assert.equal(attachment.path, `Problems in ${label}`);
    const line = diagnostic!.range.start.line + 1;
    assert.equal(line, 3, 'the missing colon is on line 3');
    assert.ok(attachment.text.startsWith(`${label}:3:${diagnostic!.range.start.character + 1} error (json`), attachment.text);
    assert.ok(attachment.text.includes(diagnostic!.message), attachment.text);
    assert.match(attachment.text, /\n3 \| {3}"version" "1\.0\.0"/);
  });

  it('attaches the problems of the whole workspace, errors first', async () => {
    const attachment = code(await problemsAttachment('workspace', undefined));
    assert.equal(attachment.path, 'Problems in the workspace');
    assert.equal(attachment.source, 'problems');
    const label = vscode.workspace.asRelativePath(broken);
    assert.ok(attachment.text.includes(`${label}:3:`), attachment.text);
    assert.match(attachment.text, /\n3 \| {3}"version" "1\.0\.0"/);
  });

  it('says there are none in a file without problems, and without an editor', async () => {
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((edit) => edit.replace(new vscode.Range(2, 0, 2, editor.document.lineAt(2).text.length), '  "version": "1.0.0"'));
    await until(() => vscode.languages.getDiagnostics(broken).length === 0);
    assert.equal(await problemsAttachment('file', editor), `No problems in ${vscode.workspace.asRelativePath(broken)}.`);
    assert.equal(await problemsAttachment('file', undefined), 'Open a file in the editor to attach its problems.');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('chorus.addProblemsToChat puts them into the composer and returns them', async () => {
    await vscode.window.showTextDocument(broken);
    await until(() => vscode.languages.getDiagnostics(broken).length > 0);
    const added = await vscode.commands.executeCommand<Attachment | undefined>('chorus.addProblemsToChat');
    const attachment = code(added!);
    assert.equal(attachment.path, `Problems in ${vscode.workspace.asRelativePath(broken)}`);
    assert.match(attachment.text, /\n3 \| {3}"version" "1\.0\.0"/);
  });
});

interface GitRepo {
  readonly state: { readonly indexChanges: readonly unknown[]; readonly workingTreeChanges: readonly unknown[] };
  status(): Promise<void>;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

describe('Context sources: git changes', function () {
  this.timeout(120_000);
  let dir: string;
  let repository: GitRepo;
  let gitEnabled: boolean | undefined;

  before(async () => {
    dir = path.join(root(), 'sources-repo');
    fs.mkdirSync(dir, { recursive: true });
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.email', 'test@example.com');
    git(dir, 'config', 'user.name', 'Test');
    fs.writeFileSync(path.join(dir, 'staged.txt'), 'one\n');
    fs.writeFileSync(path.join(dir, 'unstaged.txt'), 'alpha\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'Start');
    fs.writeFileSync(path.join(dir, 'staged.txt'), 'one\ntwo\n');
    git(dir, 'add', 'staged.txt');
    fs.writeFileSync(path.join(dir, 'unstaged.txt'), 'alpha\nbeta\n');
    fs.writeFileSync(path.join(dir, 'untracked.txt'), 'new\n');
    // The test VS Code runs with git off (test/harness/codeServer.ts); this suite turns it on.
    gitEnabled = vscode.workspace.getConfiguration('git').inspect<boolean>('enabled')?.globalValue;
    await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
    const extension = vscode.extensions.getExtension<{ readonly enabled: boolean; getAPI(version: 1): { openRepository(root: vscode.Uri): Promise<GitRepo | null>; getRepository(uri: vscode.Uri): GitRepo | null } }>('vscode.git')!;
    const exports = extension.isActive ? extension.exports : await extension.activate();
    await until(() => exports.enabled);
    const api = exports.getAPI(1);
    const uri = vscode.Uri.file(dir);
    repository = (await api.openRepository(uri)) ?? (await until(() => api.getRepository(uri)));
    await until(async () => {
      await repository.status();
      return repository.state.indexChanges.length === 1 && repository.state.workingTreeChanges.length >= 1;
    });
  });

  after(async () => {
    await vscode.workspace.getConfiguration('git').update('enabled', gitEnabled, vscode.ConfigurationTarget.Global);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** This repository's part of the text (other suites' repositories may be open too). */
  function ours(text: string): string {
    const start = text.indexOf('Repository sources-repo:');
    if (start < 0) return text;
    const next = text.indexOf('\nRepository ', start + 1);
    return text.slice(start, next < 0 ? undefined : next);
  }

  it('attaches the staged and the unstaged diff in their own sections, and names untracked files', async () => {
    const attachment = code(await gitChangesAttachment());
    assert.equal(attachment.source, 'git');
    assert.equal(attachment.languageId, 'diff');
    assert.match(attachment.path, /^Git changes in .*sources-repo/);
    const text = ours(attachment.text);
    const staged = text.indexOf('Staged (git diff --cached):\n');
    const unstaged = text.indexOf('Not staged (git diff):\n');
    assert.ok(staged >= 0 && unstaged > staged, text);
    const stagedPart = text.slice(staged, unstaged);
    const unstagedPart = text.slice(unstaged);
    assert.match(stagedPart, /diff --git a\/staged\.txt b\/staged\.txt[\s\S]*\n one\n\+two/);
    assert.doesNotMatch(stagedPart, /unstaged\.txt/);
    assert.match(unstagedPart, /diff --git a\/unstaged\.txt b\/unstaged\.txt[\s\S]*\n alpha\n\+beta/);
    assert.doesNotMatch(unstagedPart, /\+two/);
    assert.match(unstagedPart, /Untracked files \(not shown\):\nuntracked\.txt/);
    assert.doesNotMatch(text, /\+new/, 'an untracked file is named, its content not sent');
  });

  it('leaves out a repository with nothing to describe', async () => {
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'Everything');
    await until(async () => {
      await repository.status();
      return repository.state.indexChanges.length === 0 && repository.state.workingTreeChanges.length === 0;
    });
    const result = await gitChangesAttachment();
    if (typeof result === 'string') assert.match(result, /^No changes in .*sources-repo.*: nothing is staged, modified or untracked\.$/);
    else assert.doesNotMatch(`${result.kind === 'code' ? result.path + result.text : ''}`, /sources-repo/);
  });
});

interface ShellIntegration {
  executeCommand(commandLine: string): unknown;
}

describe('Context sources: the terminal', function () {
  this.timeout(120_000);
  let recorder: TerminalRecorder;
  let terminal: vscode.Terminal;

  before(() => {
    recorder = new TerminalRecorder();
    assert.ok(recorder.available, `VS Code ${vscode.version} reports terminal commands (1.93+)`);
  });

  after(() => {
    terminal?.dispose();
    recorder.dispose();
  });

  it('attaches the last command and its output, read through shell integration', async () => {
    terminal = vscode.window.createTerminal({ name: 'chorus-bash', shellPath: '/bin/bash' });
    terminal.show();
    const integration = await until(() => (terminal as unknown as { shellIntegration?: ShellIntegration }).shellIntegration);
    await until(() => vscode.window.activeTerminal === terminal);
    // $RANDOM is expanded by bash: the output differs from the command line. VS Code (1.100, 1.104)
    // passes on a command's output only if it reaches the screen before the end mark does: for a
    // bare `echo` both come in one piece and read() yields nothing. The pause keeps them apart.
    integration.executeCommand('echo chorus-$RANDOM-marker; sleep 1');
    await until(() => {
      const record = recorder.lastCommand(terminal);
      return record && !record.running && /chorus-\d+-marker/.test(record.output);
    });
    const attachment = code(terminalAttachment(recorder));
    assert.equal(attachment.source, 'terminal');
    assert.equal(attachment.path, 'Terminal chorus-bash: last command');
    assert.match(attachment.text, /^\$ echo chorus-\$RANDOM-marker; sleep 1\nchorus-\d+-marker$/);
  });

  it('marks a quick command whose output VS Code did not pass on, rather than showing it as silent', async () => {
    const integration = (terminal as unknown as { shellIntegration: ShellIntegration }).shellIntegration;
    integration.executeCommand('echo quick-marker');
    await until(() => {
      const record = recorder.lastCommand(terminal);
      return record && !record.running && record.commandLine === 'echo quick-marker';
    });
    const { text } = code(terminalAttachment(recorder));
    // Either VS Code passed the output on (a later version may), or the attachment says it did not.
    assert.ok(['$ echo quick-marker\nquick-marker', '$ echo quick-marker\n[no output was reported for this command]'].includes(text), text);
  });

  it('says what to do in a terminal where nothing was run yet', async () => {
    const fresh = vscode.window.createTerminal({ name: 'chorus-fresh', shellPath: '/bin/bash' });
    try {
      fresh.show();
      await until(() => (fresh as unknown as { shellIntegration?: ShellIntegration }).shellIntegration);
      await until(() => vscode.window.activeTerminal === fresh);
      assert.equal(terminalAttachment(recorder), 'Nothing was run in terminal chorus-fresh since Chorus started. Run a command there, or select text in it, then attach it.');
    } finally {
      fresh.dispose();
    }
    terminal.show();
    await until(() => vscode.window.activeTerminal === terminal);
  });

  it("attaches the terminal's selection when there is one", async () => {
    await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
    const attachment = await until(() => {
      const a = terminalAttachment(recorder);
      return typeof a !== 'string' && a.kind === 'code' && a.path.endsWith('selection') && a;
    });
    assert.equal(attachment.path, 'Terminal chorus-bash: selection');
    assert.match(attachment.text, /chorus-\d+-marker/);
    assert.match(attachment.text, /quick-marker/);
    await vscode.commands.executeCommand('workbench.action.terminal.clearSelection');
    await until(() => code(terminalAttachment(recorder)).path.endsWith('last command'));
  });
});

describe('Context sources: symbols', function () {
  this.timeout(120_000);
  let dir: string;
  let file: vscode.Uri;
  const source = [
    'export function chorusArea(width: number, height: number): number {',
    '  const area = width * height;',
    '  return area;',
    '}',
    '',
    'export class ChorusCircle {',
    '  constructor(readonly radius: number) {}',
    '',
    '  circumference(): number {',
    '    return 2 * Math.PI * this.radius;',
    '  }',
    '}',
    '',
  ];

  before(async () => {
    dir = fs.mkdtempSync(path.join(root(), 'symbols-'));
    file = vscode.Uri.file(path.join(dir, 'shapes.ts'));
    fs.writeFileSync(file.fsPath, source.join('\n'));
    // TypeScript searches the projects of open files.
    await vscode.window.showTextDocument(file);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds a function by name, and attaches its whole definition with its lines', async () => {
    const hits = await until(async () => {
      const found = await findSymbols('chorusArea', 10);
      return found.length > 0 && found;
    }, 500);
    const hit = hits[0]!;
    // TypeScript writes functions and methods as `name()` here.
    assert.match(hit.name, /^chorusArea(\(\))?$/);
    assert.equal(hit.kind, 'function');
    assert.equal(hit.uri.toString(), file.toString());
    const attachment = code(await symbolAttachment(hit));
    assert.equal(attachment.source, 'symbol');
    assert.equal(attachment.path, vscode.workspace.asRelativePath(file));
    assert.equal(attachment.languageId, 'typescript');
    assert.equal(attachment.startLine, 1);
    assert.equal(attachment.endLine, 4);
    assert.equal(attachment.text, source.slice(0, 4).join('\n'));
  });

  it('attaches a whole class, and a method within it', async () => {
    const [cls] = await findSymbols('ChorusCircle', 5);
    assert.equal(cls?.kind, 'class');
    const whole = code(await symbolAttachment(cls!));
    assert.deepEqual([whole.startLine, whole.endLine], [6, 12]);
    assert.equal(whole.text, source.slice(5, 12).join('\n'));
    const method = (await findSymbols('circumference', 5)).find((h) => h.kind === 'method');
    assert.equal(method?.container, 'ChorusCircle');
    const part = code(await symbolAttachment(method!));
    assert.deepEqual([part.startLine, part.endLine], [9, 11]);
    assert.equal(part.text, source.slice(8, 11).join('\n'));
  });

  it('finds nothing for an empty query', async () => {
    assert.deepEqual(await findSymbols('   ', 10), []);
  });
});
