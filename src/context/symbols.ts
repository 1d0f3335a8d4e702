import * as vscode from 'vscode';
import { documentLabel, MAX_CODE_ATTACHMENT } from '../editor/attachments';
import { innermostSymbol, type SymbolNode } from '../editor/enclosingSymbol';
import type { Attachment } from '../shared/conversation';
import { cappedText } from './cappedText';

// Symbols (functions, classes, methods…) found by name through the language servers' workspace
// symbol search, and attached as their whole definition, as "Go to Symbol in Workspace" finds them.

export interface SymbolHit {
  readonly name: string;
  /** The kind in lower case, e.g. 'function', 'class', 'method'. */
  readonly kind: string;
  /** What it is declared in (a class, a namespace), or ''. */
  readonly container: string;
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
}

/** Every symbol kind: the innermost symbol at a position, whatever it is. */
const ANY_KIND: ReadonlySet<number> = new Set(Object.values(vscode.SymbolKind).filter((v): v is number => typeof v === 'number'));

/** Up to `limit` workspace symbols matching `query`, those named exactly so first; none for an empty query. */
export async function findSymbols(query: string, limit: number): Promise<SymbolHit[]> {
  const q = query.trim();
  if (!q || limit <= 0) return [];
  const found = (await vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', q)) ?? [];
  const lower = q.toLowerCase();
  // Exact names first, then names that start with the query, then the providers' own order.
  const rank = ({ name }: vscode.SymbolInformation): number => {
    const bare = bareName(name);
    return bare === q ? 0 : bare.toLowerCase() === lower ? 1 : bare.toLowerCase().startsWith(lower) ? 2 : 3;
  };
  return found
    .filter((s) => s.location?.uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(s.location.uri) !== undefined)
    .map((s, i) => ({ s, i, rank: rank(s) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .slice(0, limit)
    .map(({ s }) => ({
      name: s.name,
      kind: (vscode.SymbolKind[s.kind] ?? 'symbol').toLowerCase(),
      container: s.containerName ?? '',
      uri: s.location.uri,
      range: s.location.range,
    }));
}

/** The symbol's whole definition (from its document's symbol tree), else the lines its location covers. */
export async function symbolAttachment(hit: SymbolHit): Promise<Attachment | string> {
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(hit.uri);
  } catch {
    return vscode.l10n.t('{0} could not be read.', vscode.workspace.asRelativePath(hit.uri));
  }
  const range = (await definitionRange(document, hit)) ?? hit.range;
  // Whole lines, as the definition reads in the editor.
  const lines = new vscode.Range(range.start.line, 0, range.end.line, document.lineAt(Math.min(range.end.line, document.lineCount - 1)).text.length);
  const text = document.getText(lines);
  if (!text.trim()) return vscode.l10n.t('The definition of {0} could not be found.', hit.name);
  return {
    kind: 'code',
    source: 'symbol',
    path: documentLabel(document),
    languageId: document.languageId,
    startLine: lines.start.line + 1,
    endLine: lines.end.line + 1,
    ...cappedText(text, MAX_CODE_ATTACHMENT),
  };
}

/** The full range of the document symbol at the hit: the innermost one containing its start, preferring one of its name. */
async function definitionRange(document: vscode.TextDocument, hit: SymbolHit): Promise<vscode.Range | undefined> {
  const symbols = await vscode.commands
    .executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>('vscode.executeDocumentSymbolProvider', document.uri)
    .then(
      (s) => s ?? [],
      () => [],
    );
  // A tree (DocumentSymbol; VS Code adds `location` to it too) or, from older providers, a flat list.
  const nodes = symbols.map((s): SymbolNode => ('children' in s ? s : { name: s.name, kind: s.kind, range: s.location.range }));
  const at = hit.range.start;
  const named = innermostSymbol(onlyNamed(nodes, bareName(hit.name)), at, ANY_KIND);
  const found = named ?? innermostSymbol(nodes, at, ANY_KIND);
  return found ? new vscode.Range(found.range.start.line, found.range.start.character, found.range.end.line, found.range.end.character) : undefined;
}

/** The nodes named `name` anywhere in the tree, as a flat list. */
function onlyNamed(nodes: readonly SymbolNode[], name: string): SymbolNode[] {
  return nodes.flatMap((n) => [...(n.name === name ? [{ ...n, children: [] }] : []), ...onlyNamed(n.children ?? [], name)]);
}

/** TypeScript names functions and methods `name()` in workspace symbols, `name` in the document's. */
function bareName(name: string): string {
  return name.endsWith('()') ? name.slice(0, -2) : name;
}
