import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';
import { locate, shiftRange, type Located, type OffsetRange } from './anchor';
import { cleanRewrite, fitToSelection, type SelectionShape } from './cleanRewrite';
import type { PreviewPair, RewritePreview } from './rewritePreview';
import { StreamingPreview } from './streamingPreview';

export type RewriteState =
  /** The model is still writing the proposal. */
  | 'streaming'
  /** The proposal is complete and waits for Accept or Reject. */
  | 'ready'
  | 'accepted'
  | 'rejected'
  /** Stopped before the proposal was complete. */
  | 'cancelled'
  | 'failed';

/** How often the preview follows a streaming proposal. */
const PREVIEW_INTERVAL_MS = 50;

/**
 * One proposed replacement for a range of a document: it follows that range through the user's
 * edits, keeps the preview documents current, and knows where (whether) it can still be applied.
 */
export class RewriteSession extends Disposable {
  readonly id = randomUUID();
  readonly uri: vscode.Uri;
  readonly languageId: string;
  /** The text being replaced, exactly as it was. */
  readonly original: string;
  readonly pair: PreviewPair;
  /** Aborted when the session ends, which stops a model still writing. */
  readonly cancellation = new AbortController();
  /** The diff editor's opening, once started (the owner opens it at most once). */
  previewShown: Promise<void> | undefined;
  private stateValue: RewriteState = 'streaming';
  private proposal = '';
  /** Where the original text is now; undefined once an edit touched it. */
  private tracked: OffsetRange | undefined;
  /** The document text the preview shows, and where in it the range is. */
  private snapshot: string;
  private snapshotRange: OffsetRange;
  /** Cleans the streaming answer when the preview updates, not on every event. */
  private readonly streaming: StreamingPreview<string>;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** State or range changed (for CodeLens and context keys). */
  readonly onDidChange = this.changed.event;

  constructor(
    document: vscode.TextDocument,
    range: vscode.Range,
    readonly shape: SelectionShape,
    private readonly preview: RewritePreview,
  ) {
    super();
    this.uri = document.uri;
    this.languageId = document.languageId;
    this.original = document.getText(range);
    this.tracked = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    this.snapshot = document.getText();
    this.snapshotRange = this.tracked;
    this.pair = preview.pairFor(this.id, document);
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.onDocumentChanged(e)));
    this.streaming = new StreamingPreview(
      (answer) => cleanRewrite(answer, this.shape, true),
      (proposal) => {
        this.proposal = proposal;
        this.refresh();
      },
      PREVIEW_INTERVAL_MS,
    );
    this.register({ dispose: () => this.streaming.stop() });
  }

  get state(): RewriteState {
    return this.stateValue;
  }

  /** Streaming or waiting for the user's decision. */
  get pending(): boolean {
    return this.stateValue === 'streaming' || this.stateValue === 'ready';
  }

  get proposed(): string {
    return this.proposal;
  }

  /** The range in the document now, if no edit touched it. */
  rangeIn(document: vscode.TextDocument): vscode.Range | undefined {
    return this.tracked && new vscode.Range(document.positionAt(this.tracked.start), document.positionAt(this.tracked.end));
  }

  /** Where the original text is in the document now (see anchor.locate). */
  locateIn(document: vscode.TextDocument): Located {
    return locate(document.getText(), this.original, this.tracked);
  }

  /** The model's answer so far: its code is shown in the preview (throttled; `proposed` follows the preview). */
  stream(answer: string): void {
    if (this.stateValue !== 'streaming') return;
    this.streaming.push(answer);
  }

  /** The final proposal, from the model's whole answer (or code given as is, from the chat). */
  complete(text: string, source: 'answer' | 'code'): void {
    this.streaming.stop();
    this.proposal = source === 'answer' ? cleanRewrite(text, this.shape) : fitToSelection(text, this.shape);
    this.stateValue = 'ready';
    this.refresh();
    this.changed.fire();
  }

  /** Ends the session in `state`; the preview documents are closed by the owner. */
  end(state: Exclude<RewriteState, 'streaming' | 'ready'>): void {
    if (!this.pending) return;
    this.streaming.stop();
    this.stateValue = state;
    this.cancellation.abort();
    this.changed.fire();
  }

  /** Puts the current document text and proposal into the preview documents. */
  refresh(): void {
    const { start, end } = this.snapshotRange;
    this.preview.set(this.pair, this.snapshot, this.snapshot.slice(0, start) + this.proposal + this.snapshot.slice(end));
  }

  private onDocumentChanged(e: vscode.TextDocumentChangeEvent): void {
    if (e.document.uri.toString() !== this.uri.toString() || !this.pending || e.contentChanges.length === 0) return;
    // Changes of one event apply one after another (VS Code sends them last-in-document first).
    for (const change of e.contentChanges) {
      if (!this.tracked) break;
      const shifted = shiftRange(this.tracked, { offset: change.rangeOffset, length: change.rangeLength, textLength: change.text.length });
      this.tracked = shifted === 'overlap' ? undefined : shifted;
    }
    if (this.tracked) {
      // The preview keeps showing the last text in which the range was known.
      this.snapshot = e.document.getText();
      this.snapshotRange = this.tracked;
      this.refresh();
    }
    this.changed.fire();
  }
}
