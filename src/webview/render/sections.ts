/** Top-level nodes (blocks and the line breaks between them) one section holds. */
export const SECTION_NODES = 64;

/** An answer with more top-level nodes than this comes in sections; a shorter one is left as it is. */
export const SECTIONED_AFTER = 16;

export const SECTION_CLASS = 'chorus-section';

/**
 * Wraps `nodes` (an answer's top-level nodes, consecutive siblings, in order), in place, in
 * sections of SECTION_NODES, the last one holding what is left; unless there are no more than
 * SECTIONED_AFTER of them.
 *
 * Off screen a section is skipped by the browser (`content-visibility: auto`, media/render.css), so
 * a long answer costs the browser a few dozen sections per frame instead of thousands of blocks:
 * with every block a direct child, each frame that changes the end re-laid out and re-checked the
 * visibility of all of them. Sections depend only on the order of the nodes, so an answer streamed
 * (see SectionBuilder) and the same answer rendered at once are cut the same way.
 */
export function groupIntoSections(nodes: readonly ChildNode[]): void {
  const builder = new SectionBuilder();
  builder.add(nodes);
}

/**
 * The sections of an answer being streamed. New blocks go straight into the last section while it
 * has room (`parentForNew`), so that a block is not moved once it is final; the rest move once, into
 * the last section. Wrapping a whole run of final nodes at once restyled and laid out all of them
 * again in one frame (25–35 ms for 64 blocks with code), and moving each final block did so for
 * that block. Adding all of an answer's nodes gives what `groupIntoSections` gives.
 */
export class SectionBuilder {
  /** Final nodes before there is a first section. */
  private loose: ChildNode[] = [];
  private last: HTMLElement | undefined;
  private lastCount = 0;

  /** Where a new block goes when no block not yet final precedes it: the last section if it has room, else `container`. */
  parentForNew(container: HTMLElement): HTMLElement {
    return this.last && this.lastCount < SECTION_NODES ? this.last : container;
  }

  /** `nodes`, in order, follow the nodes added so far and are final. */
  add(nodes: readonly ChildNode[]): void {
    let rest = nodes;
    if (!this.last) {
      if (this.loose.length + nodes.length <= SECTIONED_AFTER) {
        this.loose.push(...nodes);
        return;
      }
      rest = [...this.loose, ...nodes];
      this.loose = [];
    }
    for (const node of rest) {
      if (!this.last || this.lastCount === SECTION_NODES) this.startSection(node);
      // Already in place when it was put there new (see parentForNew); a node in a section follows its counted ones.
      if (node.parentNode !== this.last) this.last!.append(node);
      this.lastCount++;
    }
  }

  /** A new last section, after the last one (nodes not final yet may still follow inside that), or before `first`. */
  private startSection(first: ChildNode): void {
    const section = document.createElement('div');
    section.className = SECTION_CLASS;
    if (this.last) this.last.after(section);
    else first.before(section);
    this.last = section;
    this.lastCount = 0;
  }
}
