import MarkdownIt from 'markdown-it';
import { codeRules } from './codeRules';
import { escapeHtml } from './html';
import { linkRules } from './linkRules';
import type { RenderStrings } from './strings';
import { tableAlign } from './tableAlign';
import { taskLists } from './taskLists';

/**
 * The markdown-it instance for model output: CommonMark + GFM tables and strikethrough, raw HTML
 * off (it shows as text), linkify for explicit URLs, and Chorus's rules for links, images, code
 * blocks, task lists and table alignment. Its HTML still goes through `sanitizeToFragment`.
 */
export function createMarkdownIt(strings: RenderStrings): MarkdownIt {
  const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false });
  linkRules(md, strings);
  codeRules(md, strings);
  taskLists(md, strings);
  tableAlign(md);
  // With `html: false` these tokens never occur; should a rule ever make one, it stays text.
  md.renderer.rules.html_block = (tokens, idx) => escapeHtml(tokens[idx].content);
  md.renderer.rules.html_inline = (tokens, idx) => escapeHtml(tokens[idx].content);
  return md;
}
