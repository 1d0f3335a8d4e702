import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { codeBlockHtml, fenceLanguageOf } from './codeBlockHtml';
import { exactCode } from './codeText';
import { highlightToHtml, resolveLanguage } from './highlight';
import type { RenderEnv } from './renderEnv';
import type { RenderStrings } from './strings';

/**
 * Fenced and indented code render as Chorus code blocks (toolbar + highlighted code). The exact
 * code text is collected in `env.codes` for `attachCode` to put on the sanitized element.
 */
export function codeRules(md: MarkdownIt, strings: RenderStrings): void {
  const render = (token: Token, env: RenderEnv, fenceLanguage: string, firstLine: number): string => {
    const index = env.codeIndexStart + env.codes.length;
    env.codes.push(exactCode(token.content, firstLine, env.lineTerminators));
    const language = resolveLanguage(fenceLanguage);
    const shown = token.content.endsWith('\n') ? token.content.slice(0, -1) : token.content;
    return codeBlockHtml({ index, fenceLanguage, language, codeHtml: highlightToHtml(shown, language), inProgress: false }, strings);
  };
  md.renderer.rules.fence = (tokens, idx, _options, env: RenderEnv) => {
    const token = tokens[idx];
    const language = fenceLanguageOf(md.utils.unescapeAll(token.info));
    return render(token, env, language, (token.map?.[0] ?? 0) + 1);
  };
  md.renderer.rules.code_block = (tokens, idx, _options, env: RenderEnv) => {
    const token = tokens[idx];
    return render(token, env, '', token.map?.[0] ?? 0);
  };
}
