// The chat webview's rendering core: model Markdown → safe, highlighted DOM, streamed or at once.
//
//   const renderer = createMarkdownRenderer(strings);          // once; strings translated by the host
//   installLinkAndCodeHandlers(messages, { onOpenLink, onCodeAction });   // once, on the message list
//   const view = createStreamingView(answerElement, renderer, { onFrame });   // per streamed answer
//   view.append(delta) … view.finish();
//   historyElement.append(renderer.renderStatic(markdown));   // per stored answer
//
// Rendered content expects the `chorus-markdown` class on an ancestor (media/render.css).
export type { CodeAction } from './codeActions';
export { installLinkAndCodeHandlers, type LinkAndCodeCallbacks } from './handlers';
export { highlightAll } from './lazyHighlight';
export { safeLinkUrl } from './linkPolicy';
export { createMarkdownRenderer, type MarkdownRenderer } from './renderer';
export { createStreamingView, type StreamingView, type StreamingViewOptions } from './streamingView';
export { defaultRenderStrings, type RenderStrings } from './strings';
