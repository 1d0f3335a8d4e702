import type { CodeAction } from './codeActions';
import { escapeHtml } from './html';
import type { RenderStrings } from './strings';

/** The toolbar's buttons in order: action, codicon, label. */
const buttons: ReadonlyArray<readonly [CodeAction, string, (s: RenderStrings) => string]> = [
  ['copy', 'copy', (s) => s.copy],
  ['insert', 'insert', (s) => s.insertAtCursor],
  ['apply', 'replace', (s) => s.applyToSelection],
  ['newFile', 'new-file', (s) => s.newFile],
];

export interface CodeBlockParts {
  /** Position of the block among the message's code blocks, from 0. */
  readonly index: number;
  /** The fence's language word as written (already reduced to a safe token), or ''. */
  readonly fenceLanguage: string;
  /** The highlight.js language used, or 'plaintext'. */
  readonly language: string;
  /** Highlighted (escaped) HTML of the code. */
  readonly codeHtml: string;
  /** A fence still being streamed: buttons disabled, marked busy. */
  readonly inProgress: boolean;
}

/**
 * A code block: a labelled group of icon buttons (Copy, Insert at cursor, Apply to selection,
 * New file, each carrying `data-action` and the block index) above `<pre><code>`. The exact code
 * text is attached to the element after sanitizing (see `attachCode`), never read back from the
 * highlighted DOM.
 */
export function codeBlockHtml(parts: CodeBlockParts, strings: RenderStrings): string {
  const disabled = parts.inProgress ? ' disabled' : '';
  const toolbar = buttons
    .map(([action, icon, label]) => {
      const text = escapeHtml(label(strings));
      return `<button type="button" class="chorus-code-button" data-action="${action}" data-code-index="${parts.index}" title="${text}" aria-label="${text}"${disabled}><span class="codicon codicon-${icon}" aria-hidden="true"></span></button>`;
    })
    .join('');
  const languageLabel = parts.fenceLanguage ? `<span class="chorus-code-language">${escapeHtml(parts.fenceLanguage)}</span>` : '';
  const classes = parts.inProgress ? 'chorus-code chorus-code-streaming' : 'chorus-code';
  const busy = parts.inProgress ? ' aria-busy="true"' : '';
  return (
    `<div class="${classes}"${busy} data-code-index="${parts.index}" data-language="${escapeHtml(parts.fenceLanguage)}">` +
    `<div class="chorus-code-toolbar" role="group" aria-label="${escapeHtml(strings.codeActions)}">${languageLabel}${toolbar}</div>` +
    `<pre class="chorus-code-body"><code class="hljs language-${parts.language}">${parts.codeHtml}</code></pre>` +
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
