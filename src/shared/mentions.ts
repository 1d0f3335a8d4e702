// What the composer's `@` picker lists. The host searches (it has the workspace); the webview shows
// the items as text and sends back only an item's id, which the host resolves from its own last
// answer: the webview never names a file to read. No vscode, no DOM.

export type MentionKind = 'file' | 'folder' | 'openEditor' | 'selection' | 'problems' | 'workspaceProblems' | 'terminal' | 'git' | 'symbol';

export interface MentionItem {
  /** Opaque, issued by the host for this answer only. */
  readonly id: string;
  readonly kind: MentionKind;
  /** A file's name, a symbol's name, or a source's title. */
  readonly label: string;
  /** Where it is (a folder path, a symbol's file), or what it holds; may be empty. */
  readonly detail: string;
}

/** Most items one answer lists. */
export const MAX_MENTION_ITEMS = 50;
