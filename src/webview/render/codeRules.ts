import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { codeBlockHtml, fenceLanguageOf } from './codeBlockHtml';
import { exactCode } from './codeText';
import { resolveLanguage } from './highlight';
import type { RenderEnv } from './renderEnv';

/**
 * Fenced and indented code render as Chorus code blocks with an empty `<code>`; the code is
 * collected in `env.codes` and `completeCodeBlocks` fills it in (with the toolbar) after sanitizing.
 */
export function codeRules(md: MarkdownIt): void {
  const render = (token: Token, env: RenderEnv, fenceLanguage: string, firstLine: number): string => {
    const index = env.codeIndexStart + env.codes.length;
    const language = resolveLanguage(fenceLanguage);
    const shown = token.content.endsWith('\n') ? token.content.slice(0, -1) : token.content;
    env.codes.push({ exact: exactCode(token.content, firstLine, env.lineTerminators), shown, language });
    return codeBlockHtml({ index, fenceLanguage, language });
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
