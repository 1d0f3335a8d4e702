import type { ParsedText, TopLevelBlock } from './blocks';
import type { MarkdownRenderer } from './renderer';
import { PART_ROWS, TableParts } from './tableParts';

/** Complete body rows a table needs before it is extended row by row rather than rendered again. */
export const EXTEND_AFTER_ROWS = 4;

/**
 * A table still being written, shown once and then only extended. Each body row of a Markdown
 * table is one line whose rendering depends only on that line and the table's header and delimiter
 * lines, so the streaming view parses just those two lines and the rows not yet final, appends the
 * finished rows to this table's body and shows the row still being written in place of the last
 * one it showed. Rendering the whole table again every frame cost O(rows) per frame, which a long
 * table paid for with seconds of lag.
 */
export class StreamingTable {
  /** Nodes of the row being written (a `<tr>` and the line break after it). */
  private live: ChildNode[] = [];
  /** Set once the table is long enough to be shown in parts (see TableParts). */
  private parts: TableParts | undefined;
  /** Final rows in the table's body, while it is one table. */
  private rows: number;

  /**
   * @param head the table's header and delimiter lines, line endings included
   * @param shown what was on screen for the table (its `<table>` and the line break after it)
   */
  private constructor(
    readonly head: string,
    private readonly shown: readonly ChildNode[],
    private readonly table: HTMLTableElement,
    private readonly body: HTMLTableSectionElement,
    rows: number,
  ) {
    this.rows = rows;
  }

  /** What is on screen for the table: its `<table>`, or the box of its parts, and the line break after it. */
  get nodes(): readonly ChildNode[] {
    const parts = this.parts;
    return parts ? this.shown.map((node) => (node === this.table ? parts.box : node)) : this.shown;
  }

  /**
   * Takes over a table the streaming view has shown, if it is worth it: `block` (a table of
   * `parsed`, its last block) has at least EXTEND_AFTER_ROWS complete body rows. The rows after
   * the complete ones leave the screen (the next `update` shows them again). Returns the table and
   * the offset in `parsed.text` where its first row not yet final starts.
   */
  static adopt(parsed: ParsedText, block: TopLevelBlock, nodes: readonly ChildNode[]): { table: StreamingTable; rowsEnd: number } | undefined {
    if (parsed.tokens[block.firstToken].type !== 'table_open') return undefined;
    const final = finalRows(parsed, block);
    const element = nodes.find((node): node is HTMLTableElement => node instanceof HTMLTableElement);
    const body = element?.tBodies[0];
    if (final < EXTEND_AFTER_ROWS || !body) return undefined;
    // The body holds a line break, then each row followed by a line break.
    for (const node of [...body.childNodes].slice(1 + 2 * final)) node.remove();
    const { starts } = parsed.lines;
    const head = parsed.text.slice(starts[block.firstLine], starts[block.firstLine + 2]);
    return { table: new StreamingTable(head, nodes, element, body, final), rowsEnd: starts[block.firstLine + 2 + final] };
  }

  /**
   * Shows the rows of `parsed` (this table's head followed by the text after the rows already
   * final): its first block must be this table. With `ended`, every row is final. Returns the
   * offset in `parsed.text` after the rows now final.
   */
  update(parsed: ParsedText, renderer: MarkdownRenderer, ended: boolean): number {
    const block = parsed.blocks[0];
    const rows = block.endLine - block.firstLine - 2;
    const final = ended ? rows : finalRows(parsed, block);
    for (const node of this.live) node.remove();
    this.live = [];
    if (rows > 0) {
      const rendered = renderer.renderBlocks(parsed, 0, 1, 0).querySelector('tbody');
      const nodes = rendered ? [...rendered.childNodes].slice(1) : [];
      this.addFinal(nodes.slice(0, 2 * final), final);
      this.live = nodes.slice(2 * final);
      (this.parts?.lastBody ?? this.body).append(...this.live);
    }
    return parsed.lines.starts[block.firstLine + 2 + final] ?? parsed.text.length;
  }

  /** Appends `count` final rows (`nodes`: each `<tr>` with the line break after it); a table that grew long goes into parts. */
  private addFinal(nodes: readonly ChildNode[], count: number): void {
    if (this.parts) {
      this.parts.add(nodes);
      return;
    }
    this.body.append(...nodes);
    const before = this.rows;
    this.rows += count;
    // Tried again every PART_ROWS rows while the table cannot be measured.
    if (Math.floor(this.rows / PART_ROWS) > Math.floor(before / PART_ROWS)) this.parts = TableParts.split(this.table);
  }
}

/** Body rows of the table `block` whose line is complete (ended by a line break): nothing later changes them. */
function finalRows(parsed: ParsedText, block: TopLevelBlock): number {
  const lastCompleteLine = parsed.lines.starts.length - 2;
  return Math.max(0, Math.min(block.endLine, lastCompleteLine + 1) - (block.firstLine + 2));
}

/** Whether `block` of `parsed` is a table. */
export function isTable(parsed: ParsedText, block: TopLevelBlock | undefined): boolean {
  return block !== undefined && parsed.tokens[block.firstToken].type === 'table_open';
}
