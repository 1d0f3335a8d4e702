import { CODE_ATTRIBUTE } from './codeBlockHtml';
import { type CodeAction, isCodeAction } from './toolbarActions';
import { safeLinkUrl } from './linkPolicy';

export interface LinkAndCodeCallbacks {
  /** A rendered link was activated; `url` is an http(s) URL. The host confirms before opening it. */
  onOpenLink(url: string): void;
  /**
   * A code block button was activated. `code` is the block's text exactly as the model wrote it;
   * `language` is the fence's language word as written ('' if none); `index` counts the message's
   * code blocks from 0.
   */
  onCodeAction(action: CodeAction, code: string, language: string, index: number): void;
}

/**
 * Handles link and code-block clicks for everything rendered inside `container` (install once, on
 * the element that holds the messages). Links never navigate the webview. Returns a disposable.
 */
export function installLinkAndCodeHandlers(container: HTMLElement, callbacks: LinkAndCodeCallbacks): { dispose(): void } {
  const onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target : null;
    const anchor = target?.closest('a');
    if (anchor && container.contains(anchor)) {
      event.preventDefault();
      const url = safeLinkUrl(anchor.getAttribute('data-href') ?? '');
      if (url !== undefined && event.type === 'click') callbacks.onOpenLink(url);
      return;
    }
    const button = target?.closest('button[data-action]');
    if (!button || !container.contains(button) || event.type !== 'click') return;
    const block = button.closest('.chorus-code');
    const action = button.getAttribute('data-action') ?? undefined;
    const code = block?.getAttribute(CODE_ATTRIBUTE);
    if (!block || !isCodeAction(action) || code === null || code === undefined) return;
    event.preventDefault();
    callbacks.onCodeAction(action, code, block.getAttribute('data-language') ?? '', Number(block.getAttribute('data-code-index')));
  };
  container.addEventListener('click', onClick);
  // A middle click on a link must not open a window either.
  container.addEventListener('auxclick', onClick);
  return {
    dispose() {
      container.removeEventListener('click', onClick);
      container.removeEventListener('auxclick', onClick);
    },
  };
}
