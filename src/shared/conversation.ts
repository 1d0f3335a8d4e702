// The conversation as stored in history and shown in the chat panel. Shared by the host and the
// webview bundle: no `vscode`, no DOM, no Node imports.

/**
 * Where attached text came from; it decides what clicking its chip opens. Absent: the editor's
 * selection or file, from before sources were recorded (read as 'selection' or 'file').
 */
export type AttachmentSource = 'file' | 'folder' | 'selection' | 'problems' | 'terminal' | 'git' | 'symbol';

/** Context the user attached to a prompt: code from the editor, or an image for vision models. */
export type Attachment =
  | {
      readonly kind: 'code';
      readonly source?: AttachmentSource;
      /** Its length in characters before it was cut (a very large file, or to fit the budget); absent when whole. */
      readonly trimmedFrom?: number;
      /** Workspace-relative path, or the editor's title for an unsaved file. */
      readonly path: string;
      readonly languageId: string;
      /** 1-based, inclusive; absent for a whole file. */
      readonly startLine?: number;
      readonly endLine?: number;
      readonly text: string;
      /** A few lines just before and after the code, sent as context only (explain, rewrite). */
      readonly before?: string;
      readonly after?: string;
    }
  | {
      readonly kind: 'image';
      readonly name: string;
      /** `data:image/…;base64,…` */
      readonly dataUrl: string;
    };

export interface TurnMetrics {
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  readonly totalTokens?: number;
  /** Request sent → first token, of thinking or of the answer. */
  readonly timeToFirstTokenMs?: number;
  /** Of the answer, from its first token (thinking is timed apart, in AssistantTurn.thinkingMs). */
  readonly tokensPerSecond?: number;
  readonly totalMs?: number;
}

/** An error shown at the answer it interrupted. Never carries a key. */
export interface TurnError {
  readonly message: string;
  /** ProviderError kind, e.g. 'auth', 'rateLimited'; 'internal' for anything else. */
  readonly kind: string;
  readonly status?: number;
  readonly code?: string;
}

export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error';

export interface UserTurn {
  readonly id: string;
  readonly role: 'user';
  /** What the user typed (and sees). */
  readonly text: string;
  /**
   * What is sent instead of `text`: a slash command's prompt with its placeholders filled in when it
   * was sent, so Regenerate sends the same again.
   */
  readonly prompt?: string;
  readonly attachments?: readonly Attachment[];
  readonly createdAt: number;
}

export interface AssistantTurn {
  readonly id: string;
  readonly role: 'assistant';
  /** The answer: all that is copied, inserted, applied and sent back in later turns. */
  readonly text: string;
  /**
   * What a thinking model thought before answering: shown and kept in history, never sent back
   * (requestMessages reads `text` only).
   */
  readonly reasoning?: string;
  /** First thinking token → first answer token (or the end, if no answer came). */
  readonly thinkingMs?: number;
  readonly status: TurnStatus;
  readonly createdAt: number;
  readonly provider: string;
  readonly model: string;
  readonly metrics?: TurnMetrics;
  readonly error?: TurnError;
  /** A notice shown above the answer, e.g. older turns dropped to fit the provider's limit. */
  readonly notice?: string;
}

export type Turn = UserTurn | AssistantTurn;

export interface Conversation {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The provider and model the conversation last used, restored with it. */
  readonly provider: string;
  readonly model: string;
  readonly turns: readonly Turn[];
  /**
   * The provider asked for this conversation's history to be cleared (Qianfan need_clear_history):
   * its turns are kept for the user to read, but none of them is sent again; a prompt in it starts a
   * new conversation.
   */
  readonly closed?: { readonly reason: 'flagged'; readonly banRound?: number };
}

export interface ConversationSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  readonly provider: string;
  readonly model: string;
  readonly turnCount: number;
  /** An answer is streaming in it now (set by the host when it lists History). */
  readonly answering?: boolean;
}

export function summarize(conversation: Conversation): ConversationSummary {
  return {
    id: conversation.id,
    title: conversation.title,
    updatedAt: conversation.updatedAt,
    provider: conversation.provider,
    model: conversation.model,
    turnCount: conversation.turns.length,
  };
}

/** A title from the first prompt: its first line, shortened. */
export function titleFrom(text: string, max = 60): string {
  const line = text.trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (!line) return '';
  const chars = [...line];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line;
}
