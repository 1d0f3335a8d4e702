import * as vscode from 'vscode';
import type { Attachment } from '../shared/conversation';
import { MAX_MENTION_ITEMS, type MentionItem, type MentionKind } from '../shared/mentions';
import { type FileAttachments, fileAttachments, looksSecret } from './fileAttachments';
import type { WorkspaceFileIndex } from './fileIndex';

// What the composer's `@` picker offers and what taking an item attaches. The webview gets items
// with ids issued here and sends back only an id: it can take what it was offered, never name a
// file of its own. Files and folders come from the in-memory index; symbols, which ask language
// servers, come in a second answer so they never hold up the first.

/** Something the picker can offer; `take` makes its attachment(s), or says why not. */
export interface Candidate {
  readonly kind: MentionKind;
  readonly label: string;
  readonly detail: string;
  take(): Promise<FileAttachments>;
}

/** The sources besides files, folders and open editors (they live in their own files). */
export interface MentionSources {
  selection(): Attachment | string;
  problems(scope: 'file' | 'workspace'): Promise<Attachment | string>;
  terminal(): Attachment | string;
  gitChanges(): Promise<Attachment | string>;
  symbols(query: string, limit: number): Promise<Candidate[]>;
  /** Asks before attaching a file that looks like it holds secrets. */
  confirmSecret(uri: vscode.Uri): Thenable<boolean>;
}

/** Ids stay valid for the last few answers (the list on screen may be one answer behind). */
const KEPT_IDS = 4 * MAX_MENTION_ITEMS;

export class MentionService {
  private readonly issued = new Map<string, Candidate>();
  private next = 0;

  constructor(
    private readonly index: WorkspaceFileIndex,
    private readonly sources: MentionSources,
  ) {}

  /** The first answer: sources, open editors, files and folders, from memory. */
  async search(query: string): Promise<MentionItem[]> {
    const q = query.trim().toLowerCase();
    const fixed = this.fixedSources().filter((c) => !q || c.keywords.some((k) => k.includes(q)));
    const editors = openEditors((uri) => this.sources.confirmSecret(uri)).filter((c) => !q || c.path.toLowerCase().includes(q));
    const matcher = await this.index.matcher();
    const paths = new Set(editors.map((c) => c.path));
    const files = matcher
      .search(q, MAX_MENTION_ITEMS)
      .filter((m) => !paths.has(m.path))
      .map((m): Candidate => this.pathCandidate(m.path, m.folder));
    return this.issue([...fixed, ...editors, ...files].slice(0, MAX_MENTION_ITEMS));
  }

  /** The second answer: workspace symbols matching `query` (none for a query under two characters). */
  async searchSymbols(query: string): Promise<MentionItem[]> {
    if (query.trim().length < 2) return [];
    return this.issue(await this.sources.symbols(query.trim(), MAX_MENTION_ITEMS / 2));
  }

  /** What the item `id` attaches; an id not issued here attaches nothing. */
  async take(id: string): Promise<FileAttachments> {
    const candidate = this.issued.get(id);
    return candidate ? candidate.take() : { attachments: [], refused: [] };
  }

  private issue(candidates: readonly Candidate[]): MentionItem[] {
    return candidates.map((candidate) => {
      const id = `m${this.next++}`;
      this.issued.set(id, candidate);
      if (this.issued.size > KEPT_IDS) this.issued.delete(this.issued.keys().next().value!);
      return { id, kind: candidate.kind, label: candidate.label, detail: candidate.detail };
    });
  }

  private pathCandidate(path: string, folder: boolean): Candidate {
    const slash = path.lastIndexOf('/');
    return {
      kind: folder ? 'folder' : 'file',
      label: path.slice(slash + 1) + (folder ? '/' : ''),
      detail: slash > 0 ? path.slice(0, slash) : '',
      take: async () => {
        const uri = await this.index.uriOf(path, folder);
        return uri ? fileAttachments([uri], (u) => this.sources.confirmSecret(u)) : gone(path);
      },
    };
  }

  /** Selection, problems, terminal and git changes; `keywords` match in English and in the UI language. */
  private fixedSources(): Array<Candidate & { readonly keywords: readonly string[] }> {
    const one = (result: Attachment | string): FileAttachments =>
      typeof result === 'string' ? { attachments: [], refused: [result] } : { attachments: [result], refused: [] };
    const source = (kind: MentionKind, english: string, label: string, detail: string, take: () => Promise<Attachment | string> | Attachment | string) => ({
      kind,
      label,
      detail,
      keywords: [english, label.toLowerCase()],
      take: async () => one(await take()),
    });
    return [
      source('selection', 'selection', vscode.l10n.t('Selection'), vscode.l10n.t('The selected code in the editor'), () => this.sources.selection()),
      source('problems', 'problems', vscode.l10n.t('Problems in this file'), vscode.l10n.t('Errors and warnings, with their lines'), () => this.sources.problems('file')),
      source('workspaceProblems', 'problems workspace', vscode.l10n.t('Problems in the workspace'), vscode.l10n.t('Errors and warnings of every file'), () => this.sources.problems('workspace')),
      source('terminal', 'terminal', vscode.l10n.t('Terminal'), vscode.l10n.t('Its selection, or the last command and its output'), () => this.sources.terminal()),
      source('git', 'git changes diff', vscode.l10n.t('Git changes'), vscode.l10n.t('Staged and unstaged changes'), () => this.sources.gitChanges()),
    ];
  }
}

/** Text files open in editor tabs, as the picker lists them first (not those that look secret). */
function openEditors(confirm: (uri: vscode.Uri) => Thenable<boolean>): Array<Candidate & { readonly path: string }> {
  const seen = new Set<string>();
  const out: Array<Candidate & { readonly path: string }> = [];
  for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
    const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
    if (!uri || (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') || looksSecret(uri) || seen.has(uri.toString())) continue;
    seen.add(uri.toString());
    const path = vscode.workspace.asRelativePath(uri);
    const slash = path.lastIndexOf('/');
    out.push({
      kind: 'openEditor',
      path,
      label: path.slice(slash + 1),
      detail: slash > 0 ? path.slice(0, slash) : '',
      take: () => fileAttachments([uri], confirm),
    });
  }
  return out;
}

function gone(path: string): FileAttachments {
  return { attachments: [], refused: [vscode.l10n.t('{0} is no longer in the workspace.', path)] };
}
