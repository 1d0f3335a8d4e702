import * as vscode from 'vscode';
import type { Attachment } from '../shared/conversation';
import { documentLabel } from './attachments';
import { innermostSymbol, type SymbolNode } from './enclosingSymbol';
import type { ExplainTarget } from '../prompts/selectionPrompts';

/** Lines sent before and after the code, so the model sees what it is part of. */
export const CONTEXT_LINES = 5;
/** How long to wait for a language's symbols (a language server may still be starting) before using the line. */
const SYMBOLS_WAIT_MS = 2000;
const FUNCTION_KINDS: ReadonlySet<number> = new Set([vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor]);

export interface EditorTarget {
  readonly range: vscode.Range;
  readonly target: ExplainTarget;
}

export type CodeAttachment = Extract<Attachment, { kind: 'code' }>;

/** The selection; with none, the function around the cursor; failing that, the cursor's line. */
export async function resolveTarget(editor: vscode.TextEditor): Promise<EditorTarget> {
  const { document, selection } = editor;
  if (!selection.isEmpty) return { range: new vscode.Range(selection.start, selection.end), target: { kind: 'selection' } };
  const enclosing = await enclosingFunction(document, selection.active);
  if (enclosing) return { range: enclosing.range, target: { kind: 'function', name: enclosing.name } };
  const line = document.lineAt(selection.active.line);
  return { range: line.range, target: { kind: 'line', line: line.lineNumber + 1 } };
}

async function enclosingFunction(document: vscode.TextDocument, at: vscode.Position): Promise<{ name: string; range: vscode.Range } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const symbols = await Promise.race([
    Promise.resolve(
      vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>('vscode.executeDocumentSymbolProvider', document.uri),
    ).catch(() => undefined),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), SYMBOLS_WAIT_MS))),
  ]).finally(() => clearTimeout(timer));
  if (!symbols?.length) return undefined;
  // Older providers answer with a flat SymbolInformation list; VS Code's own answer has both shapes, so test for children.
  const nodes: SymbolNode[] = symbols.map((s) => ('children' in s ? s : { name: s.name, kind: s.kind, range: s.location.range }));
  const found = innermostSymbol(nodes, at, FUNCTION_KINDS);
  return found ? { name: found.name, range: found.range as vscode.Range } : undefined;
}

const toLf = (text: string): string => text.replace(/\r\n/g, '\n');

/**
 * `text` (the code at `range`, as the model should see it) as a code attachment, with up to
 * CONTEXT_LINES lines before and after it. Line endings are LF, whatever the document uses.
 */
export function codeWithContext(document: vscode.TextDocument, range: vscode.Range, text = document.getText(range)): CodeAttachment {
  const first = range.start.line;
  // A selection that ends at the start of a line does not include that line.
  const last = range.end.character === 0 && range.end.line > first ? range.end.line - 1 : range.end.line;
  const beforeFrom = Math.max(0, first - CONTEXT_LINES);
  const afterTo = Math.min(document.lineCount - 1, last + CONTEXT_LINES);
  const before = first > beforeFrom ? document.getText(new vscode.Range(beforeFrom, 0, first - 1, document.lineAt(first - 1).range.end.character)) : '';
  const after = afterTo > last ? document.getText(new vscode.Range(last + 1, 0, afterTo, document.lineAt(afterTo).range.end.character)) : '';
  return {
    kind: 'code',
    path: documentLabel(document),
    languageId: document.languageId,
    startLine: first + 1,
    endLine: last + 1,
    text: toLf(text),
    // Blank lines at the far ends say nothing; the line numbers are counted from the code, so they stay right.
    ...(before.trim() ? { before: toLf(before).replace(/^(?:[ \t]*\n)+/, '') } : {}),
    ...(after.trim() ? { after: toLf(after).replace(/(?:\n[ \t]*)+$/, '') } : {}),
  };
}
