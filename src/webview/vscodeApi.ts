import type { WebviewMessage } from '../shared/protocol';

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
