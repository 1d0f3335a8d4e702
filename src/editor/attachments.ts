import * as vscode from 'vscode';
import type { Attachment } from '../shared/conversation';

/** Largest code attachment (characters): bigger selections are refused with a message rather than sent. */
export const MAX_CODE_ATTACHMENT = 200_000;
/** Largest image (bytes) before base64. */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;

/** Why a selection of `length` characters is refused, with the numbers as the user's language writes them. */
export function tooLargeToAttach(length: number): string {
  const n = new Intl.NumberFormat(vscode.env.language);
  return vscode.l10n.t('The selection is too large to attach ({0} characters; the limit is {1}). Select a smaller part.', n.format(length), n.format(MAX_CODE_ATTACHMENT));
}

/** How a document is named in prompts and chips: its workspace-relative path, or an unsaved file's title. */
export function documentLabel(document: vscode.TextDocument): string {
  return document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri);
}

/** The editor's selection (or, with none, its whole file) as a code attachment. */
export function codeAttachment(editor: vscode.TextEditor, wholeFile: boolean): Attachment | string {
  const { document, selection } = editor;
  const range = wholeFile || selection.isEmpty ? undefined : new vscode.Range(selection.start, selection.end);
  const text = document.getText(range);
  if (!text.trim()) return vscode.l10n.t('Nothing to attach: the selection is empty.');
  if (text.length > MAX_CODE_ATTACHMENT) {
    return tooLargeToAttach(text.length);
  }
  return {
    kind: 'code',
    source: range ? 'selection' : 'file',
    path: documentLabel(document),
    languageId: document.languageId,
    // A selection that ends at the start of a line holds none of that line.
    ...(range ? { startLine: range.start.line + 1, endLine: range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1 } : {}),
    text,
  };
}

const IMAGE_TYPES: Readonly<Record<string, string>> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** Asks for an image file and returns it as a data-URL attachment, or a message saying why not. */
export async function pickImageAttachment(): Promise<Attachment | string | undefined> {
  const [uri] =
    (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Images')]: Object.keys(IMAGE_TYPES) } })) ?? [];
  if (!uri) return undefined;
  const extension = uri.path.split('.').pop()?.toLowerCase() ?? '';
  const type = IMAGE_TYPES[extension];
  if (!type) return vscode.l10n.t('Only PNG, JPEG, GIF and WebP images can be attached.');
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (bytes.byteLength > MAX_IMAGE_BYTES) {
    return vscode.l10n.t('The image is too large ({0} MB; the limit is {1} MB).', (bytes.byteLength / 1048576).toFixed(1), MAX_IMAGE_BYTES / 1048576);
  }
  return { kind: 'image', name: uri.path.split('/').pop() ?? 'image', dataUrl: `data:${type};base64,${Buffer.from(bytes).toString('base64')}` };
}
