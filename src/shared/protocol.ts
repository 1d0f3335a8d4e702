// Messages between the extension host and the chat webview. This file is imported by both bundles,
// so it has no `vscode` and no DOM import. The host treats every incoming message as untrusted and
// checks it with `parseWebviewMessage` before acting on it.

/** Strings the webview shows, translated by the host (the webview has no access to vscode.l10n). */
export interface WebviewStrings {
  readonly title: string;
  readonly welcome: string;
  readonly comingSoon: string;
}

/** Host → webview. */
export type HostMessage = { readonly type: 'init'; readonly strings: WebviewStrings; readonly version: string };

/** Webview → host. */
export type WebviewMessage = { readonly type: 'ready' };

export const MAX_WEBVIEW_MESSAGE_KEYS = 16;

/** Returns the message if it is a well-formed `WebviewMessage`, otherwise undefined. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (Object.keys(record).length > MAX_WEBVIEW_MESSAGE_KEYS) return undefined;
  switch (record.type) {
    case 'ready':
      return Object.keys(record).length === 1 ? { type: 'ready' } : undefined;
    default:
      return undefined;
  }
}
