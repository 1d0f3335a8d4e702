import * as assert from 'node:assert/strict';
import { innermostSymbol, type SymbolNode } from '../../../src/editor/enclosingSymbol';

describe('enclosing function', () => {
  const range = (a: number, b: number, c = 0, d = 0): SymbolNode['range'] => ({ start: { line: a, character: c }, end: { line: b, character: d } });
  const FUNCTION = 11;
  const METHOD = 5;
  const CLASS = 4;
  const tree: SymbolNode[] = [
    { name: 'Box', kind: CLASS, range: range(0, 20), children: [{ name: 'open', kind: METHOD, range: range(2, 8, 2, 3), children: [{ name: 'inner', kind: FUNCTION, range: range(4, 6) }] }] },
    { name: 'free', kind: FUNCTION, range: range(22, 25) },
  ];
  const kinds = new Set([FUNCTION, METHOD]);

  it('finds the innermost function or method around the position', () => {
    assert.equal(innermostSymbol(tree, { line: 5, character: 1 }, kinds)?.name, 'inner');
    assert.equal(innermostSymbol(tree, { line: 3, character: 0 }, kinds)?.name, 'open');
    assert.equal(innermostSymbol(tree, { line: 23, character: 0 }, kinds)?.name, 'free');
  });

  it('finds none outside every function, and reads a flat list', () => {
    assert.equal(innermostSymbol(tree, { line: 10, character: 0 }, kinds), undefined);
    const flat: SymbolNode[] = [{ name: 'outer', kind: FUNCTION, range: range(0, 9) }, { name: 'nested', kind: FUNCTION, range: range(2, 3) }];
    assert.equal(innermostSymbol(flat, { line: 2, character: 5 }, kinds)?.name, 'nested');
  });
});
