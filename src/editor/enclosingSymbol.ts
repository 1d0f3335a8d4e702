// The innermost symbol of a wanted kind (a function, a method) around a position, from a document's
// symbol tree. Structural types only, so it runs without `vscode` in unit tests.

export interface Pos {
  readonly line: number;
  readonly character: number;
}

export interface SymbolNode {
  readonly name: string;
  readonly kind: number;
  readonly range: { readonly start: Pos; readonly end: Pos };
  readonly children?: readonly SymbolNode[];
}

function before(a: Pos, b: Pos): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function contains(node: SymbolNode, at: Pos): boolean {
  return before(node.range.start, at) && before(at, node.range.end);
}

/** Ranges are nested, so the innermost symbol around a position is the one with the smallest range. */
function smaller(a: SymbolNode, b: SymbolNode): boolean {
  const lines = (n: SymbolNode): number => n.range.end.line - n.range.start.line;
  if (lines(a) !== lines(b)) return lines(a) < lines(b);
  return before(b.range.start, a.range.start) && before(a.range.end, b.range.end);
}

/** The innermost symbol of one of `kinds` whose range contains `at`, in a tree or a flat list. */
export function innermostSymbol(symbols: readonly SymbolNode[], at: Pos, kinds: ReadonlySet<number>): SymbolNode | undefined {
  let found: SymbolNode | undefined;
  const visit = (nodes: readonly SymbolNode[]): void => {
    for (const node of nodes) {
      if (!contains(node, at)) continue;
      if (kinds.has(node.kind) && (!found || smaller(node, found))) found = node;
      visit(node.children ?? []);
    }
  };
  visit(symbols);
  return found;
}
