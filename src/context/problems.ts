import * as vscode from 'vscode';
import { documentLabel, MAX_CODE_ATTACHMENT } from '../editor/attachments';
import type { Attachment } from '../shared/conversation';
import { cappedText } from './cappedText';
import { MAX_PROBLEM_LINES, type Problem, problemsText, type Severity, shownLine, sortProblems } from './problemText';

// The Problems view as an attachment: the diagnostics of the editor's file or of the whole
// workspace, each with the lines it points at, so the model sees what the developer sees there.

/** Most problems attached: errors and warnings come first, so these are the ones that matter. */
const MAX_PROBLEMS = 100;
/** A file with problems that is not open is read for its lines only up to this size. */
const MAX_READ_BYTES = 4 * 1024 * 1024;

const SEVERITY: Readonly<Record<vscode.DiagnosticSeverity, Severity>> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** A file's line by 0-based number, or undefined past its end (or when it could not be read). */
type Lines = (line: number) => string | undefined;

interface Found {
  readonly uri: vscode.Uri;
  readonly path: string;
  readonly diagnostic: vscode.Diagnostic;
}

/** The problems of the editor's file (`file`) or of every workspace file (`workspace`), or why there are none. */
export async function problemsAttachment(scope: 'file' | 'workspace', editor: vscode.TextEditor | undefined): Promise<Attachment | string> {
  if (scope === 'workspace') return workspaceProblems();
  if (!editor) return vscode.l10n.t('Open a file in the editor to attach its problems.');
  const { document } = editor;
  const path = documentLabel(document);
  const found = vscode.languages.getDiagnostics(document.uri).map((diagnostic): Found => ({ uri: document.uri, path, diagnostic }));
  if (found.length === 0) return vscode.l10n.t('No problems in {0}.', path);
  return attachment(vscode.l10n.t('Problems in {0}', path), await describe(found));
}

async function workspaceProblems(): Promise<Attachment | string> {
  const found: Found[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    if (diagnostics.length === 0 || !inWorkspace(uri)) continue;
    const path = uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri);
    for (const diagnostic of diagnostics) found.push({ uri, path, diagnostic });
  }
  if (found.length === 0) return vscode.l10n.t('No problems in the workspace.');
  return attachment(vscode.l10n.t('Problems in the workspace'), await describe(found));
}

/** Files of the workspace's folders and unsaved editors: not the output panel, git's views or other schemes. */
function inWorkspace(uri: vscode.Uri): boolean {
  return uri.scheme === 'untitled' || (uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(uri) !== undefined);
}

/** The most important MAX_PROBLEMS problems as text, each with its lines, and a count of the rest. */
async function describe(found: readonly Found[]): Promise<string> {
  const sorted = sortProblems(
    found.map((f) => ({ ...f, severity: SEVERITY[f.diagnostic.severity] ?? 'error', line: f.diagnostic.range.start.line, column: f.diagnostic.range.start.character })),
  ).slice(0, MAX_PROBLEMS);
  const files = new Map<string, Promise<Lines>>();
  const problems: Problem[] = [];
  for (const f of sorted) {
    const key = f.uri.toString();
    if (!files.has(key)) files.set(key, linesOf(f.uri));
    problems.push(problem(f.path, f.diagnostic, await files.get(key)!));
  }
  return problemsText(problems, found.length);
}

function problem(path: string, d: vscode.Diagnostic, lines: Lines): Problem {
  const { start, end } = d.range;
  // A range that ends at the start of a line holds none of that line.
  const last = Math.min(end.character === 0 && end.line > start.line ? end.line - 1 : end.line, start.line + MAX_PROBLEM_LINES - 1);
  const shown = [];
  for (let n = start.line; n <= last; n++) {
    const text = lines(n);
    if (text === undefined) break;
    shown.push({ number: n + 1, text: shownLine(text, n === start.line ? start.character : 0) });
  }
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return {
    severity: SEVERITY[d.severity] ?? 'error',
    path,
    line: start.line + 1,
    column: start.character + 1,
    ...(d.source ? { source: d.source } : {}),
    ...(code !== undefined && code !== '' ? { code: String(code) } : {}),
    message: d.message,
    lines: shown,
  };
}

/** What the developer sees: an open document's text (unsaved edits included), else the file on disk. */
async function linesOf(uri: vscode.Uri): Promise<Lines> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return (n) => (n < open.lineCount ? open.lineAt(n).text : undefined);
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > MAX_READ_BYTES) return () => undefined;
    const lines = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)).split(/\r?\n/);
    return (n) => lines[n];
  } catch {
    // Deleted since it was checked: its problems are still listed, without lines.
    return () => undefined;
  }
}

function attachment(path: string, text: string): Attachment {
  return { kind: 'code', source: 'problems', path, languageId: 'text', ...cappedText(text, MAX_CODE_ATTACHMENT) };
}
