import type MarkdownIt from 'markdown-it';
import { escapeHtml } from './html';
import { safeLinkUrl } from './linkPolicy';
import type { RenderEnv } from './renderEnv';
import type { RenderStrings } from './strings';

/**
 * Links never navigate the webview: an `<a href="#">` keeps the URL in `data-href` (and shows it
 * as the tooltip); a click handler asks the host to open it. Only http(s) URLs become links
 * (`validateLink`), anywhere markdown-it makes one (inline, reference, autolink, linkify); any
 * other destination leaves the Markdown as plain text. Images are never loaded: `![alt](url)`
 * becomes such a link labelled with an image marker and the alt text.
 */
export function linkRules(md: MarkdownIt, strings: RenderStrings): void {
  md.validateLink = (url) => safeLinkUrl(url) !== undefined;
  // Bare "main.py" or "user@host.cn" are file names and addresses in a coding chat, not links.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

  const rules = md.renderer.rules;
  rules.link_open = (tokens, idx, _options, env: RenderEnv) => {
    env.linkDepth++;
    return openLink(tokens[idx].attrGet('href') ?? '', 'chorus-link');
  };
  rules.link_close = (_tokens, _idx, _options, env: RenderEnv) => {
    env.linkDepth--;
    return '</a>';
  };
  rules.image = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    const url = token.attrGet('src') ?? '';
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const label = `<span class="codicon codicon-file-media" role="img" aria-label="${escapeHtml(strings.image)}"></span>${escapeHtml(alt || url)}`;
    // An image inside a link is labelled but not a second link (nested anchors are not HTML).
    if (env.linkDepth > 0) return `<span class="chorus-image-link">${label}</span>`;
    return `${openLink(url, 'chorus-link chorus-image-link')}${label}</a>`;
  };
}

function openLink(url: string, classes: string): string {
  const escaped = escapeHtml(url);
  return `<a href="#" class="${classes}" data-href="${escaped}" title="${escaped}">`;
}
