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
 * The sections of an answer being streamed. A new block goes where it will stay (`parentFor`): into
 * the section it will belong to once final, made ahead when the last one is full. Moving a block
 * into its section when it became final restyled all of it in the next frame (a code block: 400
 * elements and more); wrapping a whole run of final nodes at once did so for 64 blocks. Adding
 * all of an answer's nodes gives what `groupIntoSections` gives.
 */
export class SectionBuilder {
  /** Final nodes before there is a first section. */
  private loose: ChildNode[] = [];
  private last: HTMLElement | undefined;
  private lastCount = 0;

  /**
   * Where a new block goes: after `previous` (the block before it, not final yet) in its parent,
   * or at the end of the answer; into the next section, made now, when that parent is a full section.
   */
  parentFor(previous: ChildNode | undefined, container: HTMLElement): HTMLElement {
    if (!this.last) return previous?.parentElement ?? container;
    const parent = previous?.parentElement ?? this.last;
    if (!parent.classList.contains(SECTION_CLASS) || parent.childNodes.length < SECTION_NODES) return parent;
    return this.sectionAfter(parent);
  }

  /** `nodes`, in order, follow the nodes added so far and are final. */
  add(nodes: readonly ChildNode[]): void {
    let rest = nodes;
    const first = !this.last;
    if (first) {
      if (this.loose.length + nodes.length <= SECTIONED_AFTER) {
        this.loose.push(...nodes);
        return;
      }
      rest = [...this.loose, ...nodes];
      this.loose = [];
    }
    for (const node of rest) {
      if (!this.last || this.lastCount === SECTION_NODES) this.startSection(node);
      // Already in place when it was put there new (see parentFor); a node in a section follows its counted ones.
      if (node.parentNode !== this.last) this.last!.append(node);
      this.lastCount++;
    }
    // The nodes not final yet follow into the sections once: left after them, every new block would follow them there.
    if (first) for (let next = this.last!.nextSibling; next; next = this.last!.nextSibling) this.last!.append(next);
  }

  /** Removes a section made ahead that nothing went into (the answer ended, or its block was replaced). */
  dropEmpty(): void {
    const next = this.last?.nextElementSibling;
    if (next?.classList.contains(SECTION_CLASS) && next.childNodes.length === 0) next.remove();
  }

  /** A new last section: the one made ahead that holds `first`, or one after the last (nodes not final yet may still follow inside that), or before `first`. */
  private startSection(first: ChildNode): void {
    const ahead = first.parentElement;
    if (this.last && ahead?.classList.contains(SECTION_CLASS) && ahead.previousElementSibling === this.last) this.last = ahead;
    else if (this.last) this.last = this.sectionAfter(this.last);
    else {
      const section = newSection();
      first.before(section);
      this.last = section;
    }
    this.lastCount = 0;
  }

  /** The section after `section`: made now, unless one was made ahead. */
  private sectionAfter(section: HTMLElement): HTMLElement {
    const next = section.nextElementSibling;
    if (next instanceof HTMLElement && next.classList.contains(SECTION_CLASS)) return next;
    const made = newSection();
    section.after(made);
    return made;
  }
}

function newSection(): HTMLElement {
  const section = document.createElement('div');
  section.className = SECTION_CLASS;
  return section;
}
