// Connects the message list to the Markdown rendering core (./render) with the host's strings.
import type { CodeAction, WebviewStrings } from '../shared/webviewProtocol';
import type { AnswerRenderer } from './messageList';
import { createMarkdownRenderer, createStreamingView, installLinkAndCodeHandlers, prepareGrammarsWhenIdle } from './render';

export interface AnswerActions {
  openLink(url: string): void;
  codeAction(action: CodeAction, code: string, language: string): void;
}

export function createAnswerRenderer(strings: WebviewStrings, actions: AnswerActions): AnswerRenderer & { installHandlers(root: HTMLElement): void } {
  // Once per webview: the first code block in each language is then not where a grammar gets compiled.
  prepareGrammarsWhenIdle();
  const markdown = createMarkdownRenderer({
    codeActions: strings.codeActions,
    copy: strings.codeCopy,
    insertAtCursor: strings.codeInsert,
    applyToSelection: strings.codeApply,
    newFile: strings.codeNewFile,
    image: strings.image,
    taskDone: strings.taskDone,
    taskOpen: strings.taskOpen,
    highlightBlockTooLong: strings.highlightBlockTooLong,
    highlightLineTooLong: strings.highlightLineTooLong,
  });
  return {
    stream: (container, onRender) => {
      container.classList.add('chorus-markdown');
      return createStreamingView(container, markdown, { onRender });
    },
    renderStatic: (container, text) => {
      container.classList.add('chorus-markdown');
      container.replaceChildren(markdown.renderStatic(text));
    },
    renderStaticMany: (items) => {
      const fragments = markdown.renderStaticMany(items.map((item) => item.markdown));
      items.forEach((item, i) => {
        item.container.classList.add('chorus-markdown');
        item.container.replaceChildren(fragments[i]!);
      });
    },
    installHandlers: (root) => {
      installLinkAndCodeHandlers(root, {
        onOpenLink: (url) => actions.openLink(url),
        onCodeAction: (action, code, language) => actions.codeAction(action, code, language),
      });
    },
  };
}
