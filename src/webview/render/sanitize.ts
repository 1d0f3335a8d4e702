import DOMPurify from 'dompurify';
import { safeLinkUrl } from './linkPolicy';

// Everything the Markdown rules produce, and nothing else: no forms or buttons, frames, objects,
// media, SVG, MathML, styles or scripts, no event handlers, no style attributes, no live URLs.
// (Code block toolbars and highlighted code are added after sanitizing, with DOM calls.)
const ALLOWED_TAGS = [
  // The parse's own <body> is the root of the walk, never part of the output; unlisted, DOMPurify
  // would deep-copy the whole content to take it out.
  'body',
  'a', 'blockquote', 'br', 'code', 'del', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];
const ALLOWED_ATTR = ['aria-label', 'class', 'data-code-index', 'data-href', 'data-language', 'href', 'role', 'start', 'title'];

/** A private DOMPurify instance, so its hooks and configuration affect no one else. */
const purifier = DOMPurify(window);
purifier.setConfig({
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  RETURN_DOM_FRAGMENT: true,
});
purifier.addHook('uponSanitizeAttribute', (node, event) => {
  switch (event.attrName) {
    case 'href': // links never navigate: the URL lives in data-href, opened by the host
      event.keepAttr = node.nodeName === 'A' && event.attrValue === '#';
      break;
    case 'data-href':
      event.keepAttr = node.nodeName === 'A' && safeLinkUrl(event.attrValue) !== undefined;
      break;
    case 'class':
      event.keepAttr = /^[\w -]*$/.test(event.attrValue);
      break;
  }
});
purifier.addHook('afterSanitizeAttributes', (node) => {
  // An anchor that lost its URL is plain text, not a focusable link to "#".
  if (node.nodeName === 'A' && !node.hasAttribute('data-href')) node.removeAttribute('href');
});

/** Sanitized DOM for rendered Markdown (in an inert document until appended). */
export function sanitizeToFragment(html: string): DocumentFragment {
  // setConfig made RETURN_DOM_FRAGMENT the default; the typings only know per-call configs.
  const result = purifier.sanitize(html) as unknown;
  if (!(result instanceof Node) || result.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) throw new Error('sanitizer returned no fragment');
  return result as DocumentFragment;
}
