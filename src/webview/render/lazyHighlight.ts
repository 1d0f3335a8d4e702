import { highlightedCode } from './highlightedCode';
import type { CodeBlockContent } from './renderEnv';

/** Code waiting to be highlighted, by its `<code>` element. */
const pending = new WeakMap<Element, CodeBlockContent>();
let observer: IntersectionObserver | undefined;

/** How far outside the viewport code is already highlighted, so that it is ready when scrolled to. */
const MARGIN = '1200px 0px';

/**
 * Shows `content` in `code` as plain text and highlights it once it comes near the viewport. A
 * long conversation then only pays for the code that is looked at: highlighting is most of the
 * cost of rendering a message with code.
 */
export function highlightWhenVisible(code: Element, content: CodeBlockContent): void {
  code.textContent = content.shown;
  if (content.language === 'plaintext' || content.shown === '') return;
  pending.set(code, content);
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) highlightNow(entry.target);
        else if (!entry.target.isConnected) forget(entry.target); // removed before it was ever shown
      }
    },
    { rootMargin: MARGIN },
  );
  observer.observe(code);
}

/** Highlights `code` now if it is waiting. */
function highlightNow(code: Element): void {
  const content = pending.get(code);
  if (!content) return;
  forget(code);
  code.replaceChildren(highlightedCode(content.shown, content.language));
}

function forget(code: Element): void {
  pending.delete(code);
  observer?.unobserve(code);
}

/** Highlights every code block under `root` that is still waiting (e.g. before copying or printing it). */
export function highlightAll(root: ParentNode): void {
  for (const code of root.querySelectorAll('.chorus-code pre > code')) highlightNow(code);
}
