/**
 * Makes the nodes `current` look exactly like `next` (freshly rendered), keeping every node that
 * can stay: text nodes get new text, elements with the same tag and attribute names keep their
 * identity and are updated in place, anything else is replaced by the new node. The browser then
 * restyles and lays out only what changed, and focus and selection inside survive.
 *
 * @param keepChildrenOf an element among `current` whose children are already right: only its attributes are updated
 * @returns the nodes now in place of `current` (same order as `next`)
 */
export function morphNodes(current: readonly ChildNode[], next: readonly ChildNode[], keepChildrenOf?: Element): ChildNode[] {
  const result: ChildNode[] = [];
  const count = Math.min(current.length, next.length);
  for (let i = 0; i < count; i++) result.push(morphNode(current[i], next[i], keepChildrenOf));
  // Extra new nodes go after the last kept one; extra old ones leave.
  let anchor = result[result.length - 1] ?? current[0];
  for (let i = count; i < next.length; i++) {
    if (anchor) anchor.after(next[i]);
    anchor = next[i];
    result.push(next[i]);
  }
  for (let i = count; i < current.length; i++) current[i].remove();
  return result;
}

function morphNode(current: ChildNode, next: ChildNode, keepChildrenOf: Element | undefined): ChildNode {
  if (current.nodeType === Node.TEXT_NODE && next.nodeType === Node.TEXT_NODE) {
    const text = current as Text;
    const data = (next as Text).data;
    if (text.data !== data) text.data = data;
    return current;
  }
  if (current instanceof Element && next instanceof Element && sameShape(current, next)) {
    for (const attribute of next.attributes) {
      if (current.getAttribute(attribute.name) !== attribute.value) current.setAttribute(attribute.name, attribute.value);
    }
    if (current !== keepChildrenOf) syncChildren(current, next, keepChildrenOf);
    return current;
  }
  current.replaceWith(next);
  return next;
}

/** Same tag and the same attribute names in the same order (so the markup serializes the same). */
function sameShape(current: Element, next: Element): boolean {
  if (current.localName !== next.localName || current.namespaceURI !== next.namespaceURI) return false;
  const a = current.attributes;
  const b = next.attributes;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].name !== b[i].name) return false;
  return true;
}

function syncChildren(current: Element, next: Element, keepChildrenOf: Element | undefined): void {
  const currentChildren = [...current.childNodes];
  const nextChildren = [...next.childNodes];
  const count = Math.min(currentChildren.length, nextChildren.length);
  for (let i = 0; i < count; i++) morphNode(currentChildren[i], nextChildren[i], keepChildrenOf);
  for (let i = count; i < currentChildren.length; i++) currentChildren[i].remove();
  for (let i = count; i < nextChildren.length; i++) current.append(nextChildren[i]);
}
