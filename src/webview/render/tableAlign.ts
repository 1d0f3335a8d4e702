import type MarkdownIt from 'markdown-it';

/**
 * markdown-it aligns table columns with `style="text-align:…"`; the webview allows no style
 * attributes (the CSP would block them and the sanitizer drops them), so alignment becomes a class.
 */
export function tableAlign(md: MarkdownIt): void {
  md.core.ruler.push('chorus_table_align', (state) => {
    for (const token of state.tokens) {
      if ((token.type !== 'th_open' && token.type !== 'td_open') || !token.attrs) continue;
      const style = token.attrGet('style');
      if (style === null) continue;
      token.attrs = token.attrs.filter(([name]) => name !== 'style');
      const align = /text-align:\s*(left|center|right)/.exec(style)?.[1];
      if (align) token.attrJoin('class', `chorus-align-${align}`);
    }
  });
}
