import { escapeHtml } from './html';

export interface CodeBlockShell {
  /** Position of the block among the message's code blocks, from 0. */
  readonly index: number;
  /** The fence's language word as written (already reduced to a safe token), or ''. */
  readonly fenceLanguage: string;
  /** The highlight.js language used, or 'plaintext'. */
  readonly language: string;
  /** Shown under the code (why it is not highlighted). */
  readonly note?: string;
}

/**
 * The markup of a code block as it goes through the sanitizer: an empty `<pre><code>` in a
 * `.chorus-code` element. `completeCodeBlock` then adds the toolbar, the highlighted code and the
 * exact text, with DOM calls (none of them is parsed from HTML).
 */
export function codeBlockHtml(shell: CodeBlockShell): string {
  return (
    `<div class="chorus-code" data-code-index="${shell.index}" data-language="${escapeHtml(shell.fenceLanguage)}">` +
    `<pre class="chorus-code-body"><code class="hljs language-${shell.language}"></code></pre>` +
    (shell.note ? `<div class="chorus-code-note">${escapeHtml(shell.note)}</div>` : '') +
    '</div>\n'
  );
}

/** The fence info's first word if it looks like a language name, else ''. */
export function fenceLanguageOf(info: string): string {
  const word = info.trim().split(/\s+/, 1)[0] ?? '';
  return /^[\w#+.-]{1,32}$/.test(word) ? word : '';
}

/** Attribute that holds a code block's exact text once it is complete. */
export const CODE_ATTRIBUTE = 'data-code';
