import * as vscode from 'vscode';
import type { Attachment } from '../shared/conversation';
import { MAX_CODE_ATTACHMENT } from '../editor/attachments';
import { cappedText } from './cappedText';

// Files and folders from the Explorer or an editor tab as code attachments. What is refused is
// said, never skipped silently: binary files, files too large to read, folders with too much in
// them; a very large file is cut to MAX_CODE_ATTACHMENT and marked so.

/** Files that usually hold secrets: attached only after the user confirms each one. */
const SECRET_NAME = /^(\.env(\..*)?|id_(rsa|dsa|ecdsa|ed25519).*|.*\.(pem|key|p12|pfx|keystore|jks))$/i;
/** Most files a folder may bring; beyond it, or beyond the size limit, the folder comes as a listing. */
const MAX_FOLDER_FILES = 50;
/** Files larger than this are not read at all (only the first MAX_CODE_ATTACHMENT characters would be sent). */
const MAX_READ_BYTES = 16 * 1024 * 1024;
/** A NUL byte in the first 8 KB marks a binary file, as git decides. */
const BINARY_PROBE = 8192;

export interface FileAttachments {
  readonly attachments: Attachment[];
  /** One sentence per file or folder not attached, in the UI language. */
  readonly refused: string[];
}

export function looksSecret(uri: vscode.Uri): boolean {
  return SECRET_NAME.test(uri.path.split('/').pop() ?? '');
}

/** Asks before a file that looks like it holds secrets (or that files.exclude hides) is attached. */
export async function askAboutSecret(uri: vscode.Uri): Promise<boolean> {
  const attach = vscode.l10n.t('Attach');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} looks like it holds secrets (keys, passwords). Send it to the model anyway?', vscode.workspace.asRelativePath(uri)),
    { modal: true },
    attach,
  );
  return choice === attach;
}

/** `uris` (files or folders) as attachments; a secret-looking file is attached only if `confirm` says yes. */
export async function fileAttachments(uris: readonly vscode.Uri[], confirm: (uri: vscode.Uri) => Thenable<boolean>): Promise<FileAttachments> {
  const out: FileAttachments = { attachments: [], refused: [] };
  for (const uri of uris) {
    const stat = await vscode.workspace.fs.stat(uri).then(
      (s) => s,
      () => undefined,
    );
    if (!stat) out.refused.push(vscode.l10n.t('{0} could not be read.', label(uri)));
    else if (stat.type & vscode.FileType.Directory) await addFolder(uri, out);
    else if ((looksSecret(uri) || (await hiddenByFilesExclude(uri))) && !(await confirm(uri))) out.refused.push(vscode.l10n.t('{0} was not attached.', label(uri)));
    else await addFile(uri, out);
  }
  return out;
}

/** files.exclude hides it from the Explorer: findFiles, which applies that setting, does not list it. */
async function hiddenByFilesExclude(uri: vscode.Uri): Promise<boolean> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return false;
  const relative = uri.path.slice(folder.uri.path.length + 1).replace(/[[\]{}*?]/g, '[$&]');
  return (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, relative), undefined, 1)).length === 0;
}

async function addFile(uri: vscode.Uri, out: FileAttachments): Promise<void> {
  // What the developer sees: an open editor's text, unsaved changes included.
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const text = document ? document.getText() : await readText(uri, out);
  if (text === undefined) return;
  if (!text.trim()) {
    out.refused.push(vscode.l10n.t('{0} is empty.', label(uri)));
    return;
  }
  // A very large file is cut, and says so in its chip and in the request (trimmedFrom).
  out.attachments.push({
    kind: 'code',
    source: 'file',
    path: label(uri),
    languageId: document?.languageId ?? languageOf(uri),
    ...cappedText(text, MAX_CODE_ATTACHMENT),
  });
}

/** The file's text, or undefined with the reason in `out` (binary, or too large to read at all). */
async function readText(uri: vscode.Uri, out: FileAttachments): Promise<string | undefined> {
  const { size } = await vscode.workspace.fs.stat(uri);
  if (size > MAX_READ_BYTES) {
    out.refused.push(vscode.l10n.t('{0} is too large to read ({1} MB; the limit is {2} MB).', label(uri), (size / 1048576).toFixed(1), MAX_READ_BYTES / 1048576));
    return undefined;
  }
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) {
    out.refused.push(vscode.l10n.t('{0} is a binary file; only text can be attached.', label(uri)));
    return undefined;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** A folder's text files while they fit; otherwise the list of its files, so the model still sees its shape. */
async function addFolder(folder: vscode.Uri, out: FileAttachments): Promise<void> {
  const files = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), undefined, MAX_FOLDER_FILES + 1)).sort((a, b) => a.path.localeCompare(b.path));
  const inner: FileAttachments = { attachments: [], refused: [] };
  if (files.length <= MAX_FOLDER_FILES) {
    for (const file of files) {
      // Secret-looking files are asked about one by one only when chosen themselves.
      if (looksSecret(file)) out.refused.push(vscode.l10n.t('{0} was left out: it looks like it holds secrets. Add it by itself to be asked.', label(file)));
      else await addFile(file, inner);
    }
  }
  const size = inner.attachments.reduce((n, a) => n + (a.kind === 'code' ? a.text.length : 0), 0);
  if (files.length <= MAX_FOLDER_FILES && size <= MAX_CODE_ATTACHMENT && inner.attachments.length > 0) {
    out.attachments.push(...inner.attachments);
    out.refused.push(...inner.refused);
    return;
  }
  const listing = files.slice(0, MAX_FOLDER_FILES).map((f) => vscode.workspace.asRelativePath(f)).join('\n');
  const more = files.length > MAX_FOLDER_FILES ? `\n${vscode.l10n.t('(and more files)')}` : '';
  out.attachments.push({ kind: 'code', source: 'folder', path: `${label(folder)}/`, languageId: 'text', text: `${listing}${more}` });
}

function label(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri);
}

const LANGUAGES: Readonly<Record<string, string>> = {
  ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', jsx: 'javascriptreact', mjs: 'javascript', cjs: 'javascript',
  py: 'python', java: 'java', go: 'go', rs: 'rust', c: 'c', h: 'c', cpp: 'cpp', cc: 'cpp', hpp: 'cpp', cs: 'csharp',
  json: 'json', md: 'markdown', yml: 'yaml', yaml: 'yaml', toml: 'toml', sh: 'shellscript', html: 'html', css: 'css',
  vue: 'vue', kt: 'kotlin', swift: 'swift', rb: 'ruby', php: 'php', sql: 'sql', xml: 'xml',
};

/** The fence's language for a file not open in an editor, from its extension. */
function languageOf(uri: vscode.Uri): string {
  const extension = uri.path.split('.').pop()?.toLowerCase() ?? '';
  return LANGUAGES[extension] ?? 'text';
}
