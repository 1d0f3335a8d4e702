import type { WebviewMessage } from '../shared/webviewProtocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// Acquired once and kept private to this module: never exposed on `window`, where injected script could reach it.
const api = acquireVsCodeApi();

export function postToHost(message: WebviewMessage): void {
  api.postMessage(message);
}

/** What the webview keeps across being hidden (VS Code restores it with the view). */
export interface SavedState {
  readonly draft?: string;
  /** The draft's revision (see Draft in src/shared/webviewProtocol.ts). */
  readonly draftRevision?: number;
}

export function savedState(): SavedState {
  const state = api.getState();
  return typeof state === 'object' && state !== null ? (state as SavedState) : {};
}

export function saveState(state: SavedState): void {
  api.setState(state);
}
