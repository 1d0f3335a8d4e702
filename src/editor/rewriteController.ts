import * as vscode from 'vscode';
import { reportError, showError } from '../ui/showError';
import { currentProvider, generationSettings, getSetting } from '../config/configuration';
import type { Instructions } from '../config/instructions';
import type { ProviderFactory } from '../config/providerFactory';
import { type ChatProvider, type ChatRequest, ProviderError } from '../providers';
import { Disposable } from '../util/disposable';
import { shownSelection, type SelectionShape } from './cleanRewrite';
import { offerToSetKey } from './missingKey';
import { answerLanguage, rewriteMessages } from '../prompts/selectionPrompts';
import type { RewritePreview } from './rewritePreview';
import { RewriteSession, type RewriteState } from './rewriteSession';
import { codeWithContext } from './selectionTarget';

export interface RewriteResult {
  readonly state: RewriteState;
  /** Why it failed, as the notification says it: fixed text, never the provider's words. */
  readonly message?: string;
  /** The whole reason, the provider's own words included, as written to the log. */
  readonly details?: string;
}

export interface AcceptResult {
  readonly applied: boolean;
  /** Why not: nothing pending, still streaming, the code changed, or VS Code refused the edit. */
  readonly reason?: 'none' | 'streaming' | 'changed' | 'refused';
  /** The code had moved and was found again, unchanged, elsewhere in the document. */
  readonly moved?: boolean;
}

/** What tests may see of the pending rewrite (never anything about keys). */
export interface RewriteInfo {
  readonly state: RewriteState;
  readonly uri: string;
  readonly original: string;
  readonly proposed: string;
  readonly previewUri: string;
}

function nameOf(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.path;
}

/** The selection's shape as the output cleaner needs it (indentation, line ending, text before it). */
function shapeOf(editor: vscode.TextEditor, range: vscode.Range): SelectionShape {
  const { document, options } = editor;
  return {
    original: document.getText(range),
    linePrefix: document.lineAt(range.start.line).text.slice(0, range.start.character),
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    insertSpaces: options.insertSpaces !== false,
    tabSize: typeof options.tabSize === 'number' ? options.tabSize : 4,
  };
}

/**
 * The one rewrite proposal at a time: asks the model, streams into the preview, and applies or
 * drops the proposal. Used by Rewrite Selection and by the chat panel's "Apply to selection".
 */
export class RewriteController extends Disposable {
  private session: RewriteSession | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** The pending rewrite started, changed state, moved, or ended. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly providers: ProviderFactory,
    private readonly preview: RewritePreview,
    private readonly log: vscode.LogOutputChannel,
    private readonly instructions: Instructions,
  ) {
    super();
    this.register({ dispose: () => void this.reject() });
    void this.updateContext();
  }

  get current(): RewriteSession | undefined {
    return this.session;
  }

  info(): RewriteInfo | undefined {
    const s = this.session;
    return s && { state: s.state, uri: s.uri.toString(), original: s.original, proposed: s.proposed, previewUri: s.pair.proposed.toString() };
  }

  /** Asks the current model to rewrite `range` as `instruction` says; resolves once the proposal is complete (or not). */
  async rewrite(editor: vscode.TextEditor, range: vscode.Range, instruction: string): Promise<RewriteResult> {
    const session = await this.begin(editor, range);
    const providerId = await this.providers.currentProvider();
    const code = codeWithContext(editor.document, range, shownSelection(session.shape));
    const request: ChatRequest = {
      messages: rewriteMessages(code, instruction, answerLanguage(getSetting('responseLanguage'), vscode.env.language), await this.instructions.sources()),
      ...generationSettings(providerId),
    };
    this.log.info(`Rewrite of lines ${code.startLine}-${code.endLine} (${code.languageId}) with ${providerId}`);
    const retry = (): void => void this.retry(session, instruction);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Chorus: rewriting {0}…', nameOf(session.uri)), cancellable: true },
      async (progress, token) => {
        const cancel = token.onCancellationRequested(() => void this.reject(session));
        let answer = '';
        let tooLong = false;
        let provider: ChatProvider | undefined;
        try {
          provider = (await this.providers.create(providerId)).provider;
          for await (const event of provider.stream(request, { signal: session.cancellation.signal })) {
            // Only the answer's text: a thinking model's reasoning never reaches the document.
            if (event.type === 'text' && event.choice === 0) {
              answer += event.text;
              session.stream(answer);
              // The preview opens with the first text, so a request that fails at once never flashes an empty diff.
              if (!session.previewShown) void this.showPreview(session);
            } else if (event.type === 'waiting') {
              progress.report({ message: vscode.l10n.t('waiting {0} s for the rate limit', Math.ceil(event.ms / 1000)) });
            } else if (event.type === 'retrying') {
              progress.report({ message: event.reason });
            } else if (event.type === 'finish' && event.choice === 0 && event.reason === 'answerTooLong') {
              tooLong = true;
            }
          }
        } catch (error) {
          if (!session.pending) return { state: session.state };
          await this.finish(session, 'failed');
          return { state: 'failed', ...this.reportFailure(error, providerId, retry) };
        } finally {
          cancel.dispose();
          void provider?.dispose();
        }
        if (!session.pending) return { state: session.state };
        if (tooLong) {
          // Code cut off at the size cap would replace the selection with half a file.
          await this.finish(session, 'failed');
          return { state: 'failed', ...this.reportFailure(vscode.l10n.t('the answer reached {0} characters and was cut off (chorus.maxAnswerCharacters), so it is not applied.', answer.length), providerId, retry) };
        }
        session.complete(answer, 'answer');
        if (!session.proposed.trim()) {
          await this.finish(session, 'failed');
          return { state: 'failed', ...this.reportFailure(vscode.l10n.t('the answer held no code to put in place of the selection.'), providerId, retry) };
        }
        await this.showPreview(session);
        const document = await vscode.workspace.openTextDocument(session.uri);
        if (session.locateIn(document).kind === 'changed') this.warnChanged(session);
        return { state: 'ready' };
      },
    );
  }

  /** Shows `code` (from a chat answer) as a proposal for the editor's selection. */
  async propose(editor: vscode.TextEditor, code: string): Promise<RewriteResult> {
    const session = await this.begin(editor, new vscode.Range(editor.selection.start, editor.selection.end));
    session.complete(code, 'code');
    await this.showPreview(session);
    return { state: session.state };
  }

  /** Applies the proposal to exactly the range it was made for, as one undoable edit. */
  async accept(): Promise<AcceptResult> {
    const session = this.session;
    if (!session) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Chorus: there is no rewrite to accept.'));
      return { applied: false, reason: 'none' };
    }
    if (session.state === 'streaming') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Chorus is still writing the rewrite. Accept it once it is complete, or reject it.'));
      return { applied: false, reason: 'streaming' };
    }
    const document = await vscode.workspace.openTextDocument(session.uri);
    const where = session.locateIn(document);
    if (where.kind === 'changed') {
      this.warnChanged(session);
      return { applied: false, reason: 'changed' };
    }
    const range = new vscode.Range(document.positionAt(where.range.start), document.positionAt(where.range.end));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(session.uri, range, session.proposed);
    // VS Code refuses the edit if the document changed since it was read, so it never lands on other text.
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Chorus could not apply the rewrite: the document changed at that moment or is read-only. The proposal stays open.'));
      return { applied: false, reason: 'refused' };
    }
    const end = document.positionAt(where.range.start + session.proposed.length);
    this.log.info(`Rewrite applied${where.kind === 'moved' ? ' where the code had moved' : ''}`);
    await this.finish(session, 'accepted');
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(range.start, end) });
    if (where.kind === 'moved') vscode.window.setStatusBarMessage(vscode.l10n.t('Chorus: the code had moved; the rewrite was applied where it is now.'), 8000);
    return { applied: true, moved: where.kind === 'moved' };
  }

  /** Drops the proposal (stopping the model if it is still writing); the document is not touched. */
  async reject(session = this.session): Promise<boolean> {
    if (!session?.pending) return false;
    await this.finish(session, session.state === 'streaming' ? 'cancelled' : 'rejected');
    return true;
  }

  /** Opens the diff of the pending proposal again (after its tab was closed). */
  async showChanges(): Promise<void> {
    const session = this.session;
    if (!session?.pending) return;
    await session.previewShown;
    await this.openDiff(session);
  }

  private async begin(editor: vscode.TextEditor, range: vscode.Range): Promise<RewriteSession> {
    // One proposal at a time: a new request replaces one still pending, which leaves its document as it is.
    await this.reject();
    const session = new RewriteSession(editor.document, range, shapeOf(editor, range), this.preview);
    session.onDidChange(() => {
      void this.updateContext();
      this.changed.fire();
    });
    this.session = session;
    await this.updateContext();
    this.changed.fire();
    return session;
  }

  private async finish(session: RewriteSession, state: Exclude<RewriteState, 'streaming' | 'ready'>): Promise<void> {
    session.end(state);
    if (this.session === session) this.session = undefined;
    // A diff still opening would otherwise appear after it was closed.
    await session.previewShown?.catch(() => undefined);
    await this.preview.close(session.pair);
    session.dispose();
    await this.updateContext();
    this.changed.fire();
  }

  /** Opens the session's diff once; later calls wait for that same opening. */
  private showPreview(session: RewriteSession): Promise<void> {
    session.previewShown ??= this.openDiff(session);
    return session.previewShown;
  }

  private async openDiff(session: RewriteSession): Promise<void> {
    session.refresh();
    const title = vscode.l10n.t('{0}: Chorus rewrite (original ↔ proposed)', nameOf(session.uri));
    await this.preview.show(session.pair, title, session.languageId, () => session.pending);
  }

  private updateContext(): Thenable<unknown> {
    const s = this.session;
    return Promise.all([
      vscode.commands.executeCommand('setContext', 'chorus.rewritePending', !!s?.pending),
      vscode.commands.executeCommand('setContext', 'chorus.rewriteReady', s?.state === 'ready'),
    ]);
  }

  private warnChanged(session: RewriteSession): void {
    const copy = vscode.l10n.t('Copy Proposal');
    const reject = vscode.l10n.t('Reject Rewrite');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('Chorus: the code you asked to rewrite has changed since, so the rewrite is not applied. The proposal stays open: copy what you need, or reject it.'),
        copy,
        reject,
      )
      .then((choice) => {
        if (choice === copy) void vscode.env.clipboard.writeText(session.proposed);
        else if (choice === reject) void this.reject(session);
      });
  }

  /** Tells the user why the rewrite failed: a missing key offers Set API Key, anything else Retry. */
  private reportFailure(error: unknown, providerId: ReturnType<typeof currentProvider>, retry: () => void): { message: string; details: string } {
    if (error instanceof ProviderError && error.kind === 'auth' && error.keyMissing) {
      const message = offerToSetKey(providerId);
      return { message, details: message };
    }
    const report = reportError(error);
    const again = vscode.l10n.t('Retry');
    void showError(report, this.log, again).then((choice) => choice === again && retry());
    return { message: report.summary, details: report.details };
  }

  /** Runs a failed rewrite again on the same code, if it is still there. */
  private async retry(failed: RewriteSession, instruction: string): Promise<void> {
    const document = await vscode.workspace.openTextDocument(failed.uri);
    const where = failed.locateIn(document);
    if (where.kind === 'changed') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Chorus: the code to rewrite has changed. Select it again and run Rewrite Selection.'));
      return;
    }
    const editor = await vscode.window.showTextDocument(document);
    const range = new vscode.Range(document.positionAt(where.range.start), document.positionAt(where.range.end));
    await this.rewrite(editor, range, instruction);
  }
}
