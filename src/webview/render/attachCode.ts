import { CODE_ATTRIBUTE } from './codeBlockHtml';

/**
 * Puts each code block's exact text on its sanitized element (`data-code`). Set through the DOM,
 * never parsed as HTML, so every character survives (including \r).
 */
export function attachCode(fragment: DocumentFragment, codes: readonly string[], codeIndexStart: number): void {
  if (codes.length === 0) return;
  for (const block of fragment.querySelectorAll('.chorus-code[data-code-index]')) {
    const code = codes[Number(block.getAttribute('data-code-index')) - codeIndexStart];
    if (code !== undefined) block.setAttribute(CODE_ATTRIBUTE, code);
  }
}
