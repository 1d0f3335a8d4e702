import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { codeBlockHtml, fenceLanguageOf } from './codeBlockHtml';
import { exactCode } from './codeText';
import { resolveLanguage } from './highlight';
import { highlightSkipped } from './highlightLimits';
import type { RenderEnv } from './renderEnv';
import type { RenderStrings } from './strings';

/**
 * Fenced and indented code render as Chorus code blocks with an empty `<code>`; the code is
 * collected in `env.codes` and `completeCodeBlocks` fills it in (with the toolbar) after sanitizing.
 */
export function codeRules(md: MarkdownIt, strings: RenderStrings): void {
  const render = (token: Token, env: RenderEnv, fenceLanguage: string, firstLine: number): string => {
    const index = env.codeIndexStart + env.codes.length;
    const shown = token.content.endsWith('\n') ? token.content.slice(0, -1) : token.content;
    const resolved = resolveLanguage(fenceLanguage);
    // Code past the highlighting limits is plain text, with a note saying why.
    const skipped = resolved === 'plaintext' ? undefined : highlightSkipped(shown);
    const language = skipped ? 'plaintext' : resolved;
    const note = skipped === 'block' ? strings.highlightBlockTooLong : skipped === 'line' ? strings.highlightLineTooLong : undefined;
    env.codes.push({ exact: exactCode(token.content, firstLine, env.lineTerminators), shown, language });
    return codeBlockHtml({ index, fenceLanguage, language, note });
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
