import { CODE_ATTRIBUTE } from './codeBlockHtml';
import type { CodeToolbarFactory } from './codeToolbar';
import { highlightedCode } from './highlightedCode';
import { highlightWhenVisible } from './lazyHighlight';
import type { CodeBlockContent } from './renderEnv';

/** When code blocks get their code, highlighted: right away, once they come near the viewport, or never (it is already on screen). */
export type Highlighting = 'now' | 'when-visible' | 'none';

/**
 * Completes the sanitized code blocks of a fragment: adds each toolbar, fills each `<code>` with
 * its code (highlighted now or when visible) and puts the exact text on the block (`data-code`),
 * set through the DOM so that every character survives (\r too).
 */
export function completeCodeBlocks(fragment: DocumentFragment, codes: readonly CodeBlockContent[], codeIndexStart: number, toolbar: CodeToolbarFactory, highlighting: Highlighting): void {
  if (codes.length === 0) return;
  for (const block of fragment.querySelectorAll('.chorus-code[data-code-index]')) {
    const index = Number(block.getAttribute('data-code-index'));
    const content = codes[index - codeIndexStart];
    const code = block.querySelector('pre > code');
    if (!content || !code) continue;
    block.setAttribute(CODE_ATTRIBUTE, content.exact);
    block.prepend(toolbar(index, block.getAttribute('data-language') ?? '', false));
    if (highlighting === 'now') code.append(highlightedCode(content.shown, content.language));
    else if (highlighting === 'when-visible') highlightWhenVisible(code, content);
  }
}
