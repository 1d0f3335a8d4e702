import type * as vscode from 'vscode';
import type { Draft } from '../shared/webviewProtocol';

const DRAFT_KEY = 'chorus.chat.draft';

/**
 * The host's copy of the composer's draft, per workspace, so a reload or a closed panel keeps what
 * was typed. Each draft carries the webview's revision; an older draft never replaces a newer one
 * on screen (see Draft in src/shared/webviewProtocol.ts).
 */
export class DraftStore {
  constructor(private readonly state: vscode.Memento) {}

  /** The stored draft (a plain string before drafts had revisions). */
  get(): Draft {
    const stored = this.state.get<unknown>(DRAFT_KEY);
    if (typeof stored === 'string') return { text: stored, revision: 0 };
    const draft = stored as Partial<Draft> | undefined;
    return typeof draft?.text === 'string' && Number.isSafeInteger(draft.revision) ? { text: draft.text, revision: draft.revision! } : { text: '', revision: 0 };
  }

  save(draft: Draft): Thenable<void> {
    return this.state.update(DRAFT_KEY, { text: draft.text, revision: draft.revision } satisfies Draft);
  }

  /** The draft was sent, so it is no longer a draft (the webview's own "cleared" follows with the next revision). */
  sent(): Thenable<void> {
    return this.save({ text: '', revision: this.get().revision });
  }
}
