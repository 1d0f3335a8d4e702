import { highlightPieceToHtml } from './highlight';

/**
 * highlight.js's output is the escaped code with tokens wrapped in `<span class="hljs-…">`; any
 * `<` that does not open or close such a span means something else got in.
 */
const NOT_A_TOKEN_SPAN = /<(?!span class="[\w -]+">|\/span>)/;

/**
 * `code` highlighted, as DOM nodes. highlight.js escapes the code it is given; its output is
 * checked to be token spans and text only (else the code is shown as plain text) and parsed in an
 * inert template. It does not go through the sanitizer: thousands of token spans would make that
 * most of the rendering time, for markup whose shape is checked here anyway.
 */
export function highlightedCode(code: string, language: string): DocumentFragment | string {
  return highlightedPiece(code, language).nodes;
}

/** `highlightedCode`, and whether the code that follows can be highlighted on its own (see `highlightPieceToHtml`). */
export function highlightedPiece(code: string, language: string): { readonly nodes: DocumentFragment | string; readonly joins: boolean } {
  if (language === 'plaintext' || code === '') return { nodes: code, joins: true };
  const { html, joins } = highlightPieceToHtml(code, language);
  if (NOT_A_TOKEN_SPAN.test(html)) return { nodes: code, joins: false };
  const template = document.createElement('template');
  template.innerHTML = html;
  return { nodes: template.content, joins };
}
