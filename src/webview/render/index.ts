// The chat webview's rendering core: model Markdown → safe, highlighted DOM, streamed or at once.
//
//   const renderer = createMarkdownRenderer(strings);          // once; strings translated by the host
//   installLinkAndCodeHandlers(messages, { onOpenLink, onCodeAction });   // once, on the message list
//   const view = createStreamingView(answerElement, renderer, { onRender });   // per streamed answer
//   view.append(delta) … view.finish();                        // onRender: e.g. keep the end in view
//   answerElement.append(renderer.renderStatic(markdown));     // per stored answer, or
//   renderer.renderStaticMany(markdowns)                       // for a whole conversation at once
//
// The element the blocks go into (answerElement) carries the `chorus-markdown` class: media/render.css
// styles its blocks and lets the browser skip those off screen.
export type { CodeAction } from './toolbarActions';
export { installLinkAndCodeHandlers, type LinkAndCodeCallbacks } from './handlers';
export { prepareGrammarsWhenIdle } from './highlight';
export { highlightAll } from './lazyHighlight';
export { safeLinkUrl } from './linkPolicy';
export { createMarkdownRenderer, type MarkdownRenderer } from './renderer';
export { MIN_RENDER_INTERVAL_MS, streamingCadence, type ScheduleRender } from './renderCadence';
export { createStreamingView, type StreamingView, type StreamingViewOptions } from './streamingView';
export { defaultRenderStrings, type RenderStrings } from './strings';
export { whenIdle } from './whenIdle';
