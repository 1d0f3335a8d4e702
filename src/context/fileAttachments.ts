import * as vscode from 'vscode';
import type { Attachment } from '../shared/conversation';
import { MAX_CODE_ATTACHMENT } from '../editor/attachments';

// Files and folders from the Explorer or an editor tab as code attachments. What is refused is
// said, never skipped silently: binary files, files too large, folders with too much in them.

/** Files that usually hold secrets: attached only after the user confirms each one. */
const SECRET_NAME = /^(\.env(\..*)?|id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|.*\.(pem|key|p12|pfx|keystore|jks))$/i;
/** Most files a folder may bring; beyond it, or beyond the size limit, the folder comes as a listing. */
const MAX_FOLDER_FILES = 50;
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
    else if (looksSecret(uri) && !(await confirm(uri))) out.refused.push(vscode.l10n.t('{0} was not attached.', label(uri)));
    else await addFile(uri, out);
  }
  return out;
}

async function addFile(uri: vscode.Uri, out: FileAttachments): Promise<void> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) {
    out.refused.push(vscode.l10n.t('{0} is a binary file; only text can be attached.', label(uri)));
    return;
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.length > MAX_CODE_ATTACHMENT) {
    out.refused.push(vscode.l10n.t('{0} is too large to attach ({1} characters; the limit is {2}). Select the part you need and use Ask about Selection.', label(uri), text.length, MAX_CODE_ATTACHMENT));
    return;
  }
  if (!text.trim()) {
    out.refused.push(vscode.l10n.t('{0} is empty.', label(uri)));
    return;
  }
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  out.attachments.push({ kind: 'code', path: label(uri), languageId: document?.languageId ?? languageOf(uri), text });
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
  out.attachments.push({ kind: 'code', path: `${label(folder)}/`, languageId: 'text', text: `${listing}${more}` });
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
