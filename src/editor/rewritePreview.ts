import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';

/** Scheme of the read-only documents a rewrite preview shows: the code now, and with the proposal. */
export const PREVIEW_SCHEME = 'chorus-rewrite';

export interface PreviewPair {
  readonly original: vscode.Uri;
  readonly proposed: vscode.Uri;
}

/**
 * Serves the preview documents and shows them in VS Code's diff editor. Their content is replaced
 * as a proposal streams in; the diff editor follows every change.
 */
export class RewritePreview extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Preview documents for one session; the file name is kept so they get the language's highlighting. */
  pairFor(sessionId: string, document: vscode.TextDocument): PreviewPair {
    const name = document.uri.path.split('/').pop() || 'untitled';
    return {
      original: vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${sessionId}/original/${name}` }),
      proposed: vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${sessionId}/proposed/${name}` }),
    };
  }

  set(pair: PreviewPair, original: string, proposed: string): void {
    for (const [uri, text] of [[pair.original, original], [pair.proposed, proposed]] as const) {
      if (this.contents.get(uri.toString()) === text) continue;
      this.contents.set(uri.toString(), text);
      this.changed.fire(uri);
    }
  }

  /** Opens the diff, unless `stillWanted` says the proposal ended while its documents were loading. */
  async show(pair: PreviewPair, title: string, languageId: string, stillWanted: () => boolean): Promise<void> {
    for (const uri of [pair.original, pair.proposed]) {
      const document = await vscode.workspace.openTextDocument(uri);
      // A file without an extension (an untitled one) would otherwise be plain text.
      if (document.languageId !== languageId) await Promise.resolve(vscode.languages.setTextDocumentLanguage(document, languageId)).catch(() => undefined);
    }
    if (stillWanted()) await vscode.commands.executeCommand('vscode.diff', pair.original, pair.proposed, title, { preview: false });
  }

  /** Closes the diff and forgets the documents' content. */
  async close(pair: PreviewPair): Promise<void> {
    this.contents.delete(pair.original.toString());
    this.contents.delete(pair.proposed.toString());
    const tabs = this.tabsOf(pair);
    if (tabs.length) await Promise.resolve(vscode.window.tabGroups.close(tabs, true)).catch(() => undefined);
  }

  private tabsOf(pair: PreviewPair): vscode.Tab[] {
    const proposed = pair.proposed.toString();
    return vscode.window.tabGroups.all.flatMap((group) =>
      group.tabs.filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposed),
    );
  }
}
