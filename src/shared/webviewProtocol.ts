// Messages between the extension host and the chat webview. This file is imported by both bundles,
// so it has no `vscode` and no DOM import. The host treats every incoming message as untrusted and
// checks it with `parseWebviewMessage` before acting on it.
import type { Budget } from './contextBudget';
import type { MentionItem } from './mentions';
import type { Attachment, AttachmentSource, Conversation, ConversationSummary, Turn, TurnError, TurnMetrics, TurnStatus } from './conversation';

/** Strings the webview shows, translated by the host (the webview has no access to vscode.l10n). */
export type WebviewStrings = Readonly<Record<WebviewStringKey, string>>;

export type WebviewStringKey =
  | 'title' | 'welcome' | 'noKey' | 'setKey' | 'placeholder' | 'send' | 'stop' | 'regenerate' | 'edit' | 'copy'
  | 'copied' | 'retry' | 'newChat' | 'history' | 'searchHistory' | 'delete' | 'export' | 'open' | 'noHistory'
  | 'incomplete' | 'stopped' | 'you' | 'assistant' | 'attachSelection' | 'attachFile' | 'attachImage' | 'removeAttachment'
  | 'jumpToLatest' | 'answerFinished' | 'waiting' | 'tokens' | 'firstToken' | 'tokensPerSecond' | 'model' | 'save' | 'cancel'
  | 'codeCopy' | 'codeInsert' | 'codeApply' | 'codeNewFile' | 'codeActions' | 'image' | 'taskDone' | 'taskOpen'
  | 'highlightBlockTooLong' | 'highlightLineTooLong'
  | 'flagged' | 'close' | 'pasteTooLong' | 'imageTooLarge' | 'backToChat' | 'answering' | 'instructions'
  | 'slashCommands' | 'slashBuiltIn' | 'slashWorkspace' | 'slashUser' | 'slashNone' | 'thinking' | 'thoughtFor'
  | 'mentions' | 'mentionNone' | 'chars' | 'trimmed' | 'leftOut' | 'openAttachment' | 'budgetUsed' | 'willTrim' | 'willLeaveOut'
  | 'overBudget' | 'questionOverBudget';

/** What the panel needs to draw its header and empty state. */
export interface PanelInfo {
  readonly providerName: string;
  readonly model: string;
  readonly hasKey: boolean;
  /** The model takes images (InternVL). */
  readonly acceptsImages: boolean;
  /** Workspace instruction files sent with every request (AGENTS.md, .chorus/instructions.md), by path. */
  readonly instructions: readonly string[];
  /** What one question and its attachments may use: the meter by Send, and the trimming when sending. */
  readonly budget: Budget;
}

/**
 * The composer's unsent text, numbered: the webview keeps a copy in its own state and the host in
 * workspaceState, and after a reload the higher revision is the fresher one.
 */
export interface Draft {
  readonly text: string;
  readonly revision: number;
}

/** A command the composer offers when the user types `/` (descriptions come from files: shown as text only). */
export interface SlashCommandInfo {
  readonly name: string;
  readonly description: string;
  readonly source: 'builtIn' | 'workspace' | 'user';
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'init'; readonly strings: WebviewStrings; readonly version: string; readonly locale: string; readonly panel: PanelInfo; readonly conversation: Conversation; readonly draft: Draft }
  | { readonly type: 'panel'; readonly panel: PanelInfo }
  /** A conversation was saved (an answer began or ended, perhaps in the background): an open History lists again. */
  | { readonly type: 'historyChanged' }
  | { readonly type: 'conversation'; readonly conversation: Conversation }
  | { readonly type: 'turnAdded'; readonly turn: Turn }
  | { readonly type: 'turnsRemoved'; readonly fromTurnId: string }
  | { readonly type: 'delta'; readonly turnId: string; readonly text: string }
  | { readonly type: 'reasoningDelta'; readonly turnId: string; readonly text: string }
  | { readonly type: 'turnFinished'; readonly turnId: string; readonly status: TurnStatus; readonly metrics?: TurnMetrics; readonly error?: TurnError; readonly thinkingMs?: number }
  | { readonly type: 'waiting'; readonly turnId: string; readonly untilMs: number; readonly reason: string }
  | { readonly type: 'notice'; readonly turnId: string; readonly text: string }
  | { readonly type: 'restoreDraft'; readonly text: string; readonly attachments: readonly Attachment[] }
  | { readonly type: 'attachment'; readonly attachment: Attachment }
  | { readonly type: 'history'; readonly items: readonly ConversationSummary[]; readonly query: string }
  | { readonly type: 'flagged'; readonly text: string }
  /** The slash commands (sent after init, when prompt files change and when the picker asks). */
  | { readonly type: 'slashCommands'; readonly commands: readonly SlashCommandInfo[] }
  /** The `@` picker's items for the query numbered `seq` (an older answer is dropped). */
  | { readonly type: 'mentions'; readonly seq: number; readonly items: readonly MentionItem[] };

export type CodeAction = 'copy' | 'insert' | 'apply' | 'newFile';

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'send'; readonly text: string; readonly attachments: readonly Attachment[] }
  | { readonly type: 'stop'; readonly turnId: string }
  | { readonly type: 'regenerate'; readonly turnId: string }
  | { readonly type: 'retry'; readonly turnId: string }
  | { readonly type: 'edit'; readonly turnId: string; readonly text: string }
  | { readonly type: 'copy'; readonly text: string }
  | { readonly type: 'codeAction'; readonly action: CodeAction; readonly code: string; readonly language: string }
  | { readonly type: 'openLink'; readonly url: string }
  | { readonly type: 'draft'; readonly text: string; readonly revision: number }
  | { readonly type: 'newChat' }
  | { readonly type: 'listHistory'; readonly query: string }
  | { readonly type: 'openConversation'; readonly id: string }
  | { readonly type: 'deleteConversation'; readonly id: string }
  | { readonly type: 'exportConversation'; readonly id: string }
  | { readonly type: 'selectModel' }
  /** The picker opened: the host lists the commands again (the user's prompt folders are not watched). */
  | { readonly type: 'listCommands' }
  | { readonly type: 'setApiKey' }
  | { readonly type: 'attach'; readonly what: 'selection' | 'file' | 'image' }
  | { readonly type: 'imagePasted'; readonly name: string; readonly dataUrl: string }
  /** The `@` picker's text changed: the host answers with `mentions` for the same `seq`. */
  | { readonly type: 'mentionQuery'; readonly seq: number; readonly query: string }
  /** The user took an item of the host's last `mentions` answer. */
  | { readonly type: 'mentionTake'; readonly id: string }
  /** A chip was clicked: the host opens what it came from (a workspace file only, checked there). */
  | { readonly type: 'openAttachment'; readonly source: AttachmentSource; readonly path: string; readonly startLine?: number };

/** Limits on what the webview may send; anything larger is refused. */
export const LIMITS = {
  text: 200_000,
  id: 64,
  url: 4_096,
  code: 1_000_000,
  language: 64,
  name: 256,
  imageDataUrl: 7_000_000,
  attachments: 20,
  query: 500,
} as const;

type Fields = Record<string, unknown>;

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const id = (v: unknown): v is string => str(v, LIMITS.id) && /^[A-Za-z0-9_-]+$/.test(v);
const IMAGE_DATA_URL = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/;

function only(record: Fields, keys: readonly string[]): boolean {
  return Object.keys(record).every((k) => k === 'type' || keys.includes(k));
}

const SOURCES: readonly AttachmentSource[] = ['file', 'folder', 'selection', 'problems', 'terminal', 'git', 'symbol'];

function attachment(value: unknown): value is Attachment {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Fields;
  if (a.kind === 'code') {
    return (
      only(a, ['kind', 'source', 'trimmedFrom', 'path', 'languageId', 'startLine', 'endLine', 'text', 'before', 'after']) &&
      (a.source === undefined || SOURCES.includes(a.source as AttachmentSource)) &&
      (a.trimmedFrom === undefined || (Number.isSafeInteger(a.trimmedFrom) && (a.trimmedFrom as number) >= 0)) &&
      str(a.path, LIMITS.url) && str(a.languageId, LIMITS.language) && str(a.text, LIMITS.code) &&
      (a.before === undefined || str(a.before, LIMITS.code)) && (a.after === undefined || str(a.after, LIMITS.code)) &&
      (a.startLine === undefined || Number.isInteger(a.startLine)) && (a.endLine === undefined || Number.isInteger(a.endLine))
    );
  }
  if (a.kind === 'image') {
    return only(a, ['kind', 'name', 'dataUrl']) && str(a.name, LIMITS.name) && str(a.dataUrl, LIMITS.imageDataUrl) && IMAGE_DATA_URL.test(a.dataUrl);
  }
  return false;
}

type Check = (m: Fields) => boolean;
const none: Check = (m) => only(m, []);
const turnIdOnly: Check = (m) => only(m, ['turnId']) && id(m.turnId);
const conversationId: Check = (m) => only(m, ['id']) && id(m.id);

/**
 * One check per message type. The map is typed by `WebviewMessage['type']`, so a message type added
 * without its own check does not compile (a shared case once refused every message Copy).
 */
const CHECKS: { readonly [T in WebviewMessage['type']]: Check } = {
  ready: none,
  newChat: none,
  selectModel: none,
  listCommands: none,
  setApiKey: none,
  send: (m) => only(m, ['text', 'attachments']) && str(m.text, LIMITS.text) && Array.isArray(m.attachments) && m.attachments.length <= LIMITS.attachments && m.attachments.every(attachment),
  stop: turnIdOnly,
  regenerate: turnIdOnly,
  retry: turnIdOnly,
  edit: (m) => only(m, ['turnId', 'text']) && id(m.turnId) && str(m.text, LIMITS.text),
  copy: (m) => only(m, ['text']) && str(m.text, LIMITS.text),
  draft: (m) => only(m, ['text', 'revision']) && str(m.text, LIMITS.text) && Number.isSafeInteger(m.revision) && (m.revision as number) >= 0,
  codeAction: (m) => only(m, ['action', 'code', 'language']) && ['copy', 'insert', 'apply', 'newFile'].includes(m.action as string) && str(m.code, LIMITS.code) && str(m.language, LIMITS.language),
  openLink: (m) => only(m, ['url']) && str(m.url, LIMITS.url),
  listHistory: (m) => only(m, ['query']) && str(m.query, LIMITS.query),
  openConversation: conversationId,
  deleteConversation: conversationId,
  exportConversation: conversationId,
  attach: (m) => only(m, ['what']) && ['selection', 'file', 'image'].includes(m.what as string),
  mentionQuery: (m) => only(m, ['seq', 'query']) && Number.isSafeInteger(m.seq) && str(m.query, LIMITS.query),
  mentionTake: (m) => only(m, ['id']) && id(m.id),
  openAttachment: (m) =>
    only(m, ['source', 'path', 'startLine']) && SOURCES.includes(m.source as AttachmentSource) && str(m.path, LIMITS.url) && (m.startLine === undefined || (Number.isInteger(m.startLine) && (m.startLine as number) > 0)),
  imagePasted: (m) => only(m, ['name', 'dataUrl']) && str(m.name, LIMITS.name) && str(m.dataUrl, LIMITS.imageDataUrl) && IMAGE_DATA_URL.test(m.dataUrl),
};

/** Returns the message if it is a well-formed `WebviewMessage`, otherwise undefined. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Fields;
  if (Object.keys(m).length > 8) return undefined;
  // Own keys only: `constructor`, `toString` and the like are not message types.
  const check = typeof m.type === 'string' && Object.hasOwn(CHECKS, m.type) ? CHECKS[m.type as WebviewMessage['type']] : undefined;
  return check?.(m) ? (m as unknown as WebviewMessage) : undefined;
}
