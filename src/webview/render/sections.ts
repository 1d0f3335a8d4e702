/** Top-level nodes (blocks and the line breaks between them) one section holds. */
export const SECTION_NODES = 64;

export const SECTION_CLASS = 'chorus-section';

/**
 * Wraps each full run of SECTION_NODES of `nodes` (consecutive siblings, in order) in a section
 * element, in place, and returns the nodes left over at the end (fewer than SECTION_NODES).
 *
 * Off screen a section is skipped by the browser (`content-visibility: auto`, media/render.css), so
 * a long answer costs the browser a few dozen sections per frame instead of thousands of blocks:
 * with every block a direct child, each frame that changes the end re-laid out and re-checked the
 * visibility of all of them. Sections depend only on the order of the nodes, so an answer streamed
 * and the same answer rendered at once are cut the same way.
 */
export function groupIntoSections(nodes: readonly ChildNode[]): ChildNode[] {
  let at = 0;
  for (; at + SECTION_NODES <= nodes.length; at += SECTION_NODES) {
    const section = document.createElement('div');
    section.className = SECTION_CLASS;
    nodes[at].before(section);
    section.append(...nodes.slice(at, at + SECTION_NODES));
  }
  return nodes.slice(at);
}
