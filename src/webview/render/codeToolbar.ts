import type { CodeAction } from './toolbarActions';
import type { RenderStrings } from './strings';

/** The toolbar's buttons in order: action, codicon, label. */
const buttons: ReadonlyArray<readonly [CodeAction, string, (s: RenderStrings) => string]> = [
  ['copy', 'copy', (s) => s.copy],
  ['insert', 'insert', (s) => s.insertAtCursor],
  ['apply', 'replace', (s) => s.applyToSelection],
  ['newFile', 'new-file', (s) => s.newFile],
];

/** Makes the toolbar above each code block. */
export type CodeToolbarFactory = (index: number, fenceLanguage: string, inProgress: boolean) => HTMLElement;

/**
 * Code block toolbars: a labelled group with the fence's language and four icon buttons (Copy,
 * Insert at cursor, Apply to selection, New file), each a real `<button>` with an aria-label and a
 * title, carrying `data-action` and the block index. Built once with DOM calls and cloned, so the
 * host's strings are never parsed as HTML.
 */
export function codeToolbarFactory(strings: RenderStrings): CodeToolbarFactory {
  const prototype = document.createElement('div');
  prototype.className = 'chorus-code-toolbar';
  prototype.setAttribute('role', 'group');
  prototype.setAttribute('aria-label', strings.codeActions);
  for (const [action, icon, label] of buttons) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'chorus-code-button';
    button.dataset.action = action;
    button.title = label(strings);
    button.setAttribute('aria-label', label(strings));
    const glyph = document.createElement('span');
    glyph.className = `codicon codicon-${icon}`;
    glyph.setAttribute('aria-hidden', 'true');
    button.append(glyph);
    prototype.append(button);
  }
  return (index, fenceLanguage, inProgress) => {
    const toolbar = prototype.cloneNode(true) as HTMLElement;
    for (const button of toolbar.querySelectorAll('button')) {
      button.dataset.codeIndex = String(index);
      button.disabled = inProgress;
    }
    if (fenceLanguage) {
      const language = document.createElement('span');
      language.className = 'chorus-code-language';
      language.textContent = fenceLanguage;
      toolbar.prepend(language);
    }
    return toolbar;
  };
}
