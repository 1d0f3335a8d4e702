/** Body rows one part of a long streaming table holds. */
export const PART_ROWS = 64;

const PARTS_CLASS = 'chorus-table-parts';
const PART_CLASS = 'chorus-table-part';

/**
 * A long table as it streams: its rows in parts of PART_ROWS, each part its own fixed-layout
 * table with the column widths the whole table had when it was split, in one box that scrolls
 * sideways (media/render.css). Off screen the browser skips a part (`content-visibility: auto` on
 * a box around it: containment has no effect on a table itself). One table of a thousand rows
 * cost a layout of every row on each frame (20–40 ms); a part costs what its own rows do.
 *
 * The parts stay when the answer ends: putting a thousand rows back into one table cost one
 * layout of all of them (150 ms). The answer rendered again (from history) has the one table.
 */
export class TableParts {
  private body: HTMLTableSectionElement;
  private rows = 0;

  private constructor(
    /** What is on screen in the table's place. */
    readonly box: HTMLElement,
    private readonly widths: readonly number[],
  ) {
    this.body = this.addPart();
  }

  /**
   * Splits `table` (on screen, with a head and one body): its head and rows move into the first
   * part, which takes the table's place. Nothing happens, and `undefined` comes back, while the
   * table is not laid out (a hidden panel): widths cannot be measured then.
   */
  static split(table: HTMLTableElement): TableParts | undefined {
    const head = table.tHead;
    const body = table.tBodies[0];
    const cells = head ? [...(head.rows[0]?.cells ?? [])] : [];
    const widths = cells.map((cell) => Math.ceil(cell.getBoundingClientRect().width));
    if (!head || !body || widths.length === 0 || widths.some((width) => width === 0)) return undefined;
    const box = document.createElement('div');
    box.className = PARTS_CLASS;
    table.replaceWith(box);
    const parts = new TableParts(box, widths);
    parts.body.parentElement!.insertBefore(head, parts.body);
    parts.add([...body.childNodes]);
    return parts;
  }

  /** Appends final rows (each `<tr>` with the line break after it), starting a new part when the last is full. */
  add(nodes: readonly ChildNode[]): void {
    for (const node of nodes) {
      if (node instanceof HTMLTableRowElement) {
        if (this.rows === PART_ROWS) this.body = this.addPart();
        this.rows++;
      }
      this.body.append(node);
    }
  }

  /** Where the row still being written goes: after the final rows. */
  get lastBody(): HTMLTableSectionElement {
    return this.body;
  }

  /** A part: a box the browser can skip, holding a table of fixed column widths. */
  private addPart(): HTMLTableSectionElement {
    const part = document.createElement('div');
    part.className = PART_CLASS;
    const table = part.appendChild(document.createElement('table'));
    table.setAttribute('width', String(this.widths.reduce((sum, width) => sum + width, 0)));
    const columns = document.createElement('colgroup');
    for (const width of this.widths) columns.append(Object.assign(document.createElement('col'), { width: String(width) }));
    const body = document.createElement('tbody');
    table.append(columns, body);
    this.box.append(part);
    this.rows = 0;
    return body;
  }
}
