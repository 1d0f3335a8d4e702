import * as vscode from 'vscode';
import { excludeGlob, enabledPatterns } from './excludeGlobs';
import { looksSecret } from './fileAttachments';
import { PathMatcher } from './fileMatch';
import { type GitignoreFile, notIgnored } from './gitignoreFilter';

// The workspace's files for the `@` picker, listed once when the picker first opens and kept in
// memory: a keystroke searches the list, it never walks the disk. Files coming or going, a changed
// .gitignore or exclude setting mark the list stale, as does age (RELIST_AFTER_MS); the next search
// answers from the old list while a new one is made. Honours files.exclude, search.exclude and
// .gitignore, and never offers files that look like they hold secrets.

/**
 * A list older than this is made again at the next search, in the background: file events get lost
 * (Linux's inotify limit in a large workspace, network drives), and a file must not stay missing.
 */
const RELIST_AFTER_MS = 10_000;

/** Most files listed per workspace folder. */
const MAX_FILES = 50_000;

export interface IndexedFile {
  readonly uri: vscode.Uri;
  /** As vscode.workspace.asRelativePath writes it (with the folder's name in a multi-root workspace). */
  readonly path: string;
}

export class WorkspaceFileIndex implements vscode.Disposable {
  private built: Promise<Index> | undefined;
  private current: Index | undefined;
  private stale = false;
  /** Listings started, and the number of the one `current` holds. */
  private listings = 0;
  private shownListing = 0;
  private listedAt = 0;
  private running = 0;
  private readonly watchers: vscode.Disposable[] = [];

  /** The matcher over the files, listing them first if needed. */
  async matcher(): Promise<PathMatcher> {
    return (await this.index()).matcher;
  }

  /** The file or folder a matched path names, if it is still listed. */
  async uriOf(path: string, folder: boolean): Promise<vscode.Uri | undefined> {
    const index = await this.index();
    if (!folder) return index.byPath.get(path);
    const inside = [...index.byPath.entries()].find(([p]) => p.startsWith(`${path}/`));
    if (!inside) return undefined;
    // The file's path goes on past the folder's exactly as its URI does.
    const [p, uri] = inside;
    return uri.with({ path: uri.path.slice(0, uri.path.length - (p.length - path.length)) });
  }

  dispose(): void {
    for (const watcher of this.watchers.splice(0)) watcher.dispose();
  }

  private async index(): Promise<Index> {
    if (!this.built) {
      this.watch();
      this.built = this.list();
    } else if (this.current && (this.stale || this.listedAgo() > RELIST_AFTER_MS)) {
      // Answer now from what there was; the next search sees the new list.
      this.stale = false;
      void this.list();
      return this.current;
    }
    return this.built;
  }

  /** Milliseconds since the last listing started (forever while one is running: never two at once for age alone). */
  private listedAgo(): number {
    return this.running > 0 ? 0 : Date.now() - this.listedAt;
  }

  /**
   * Lists the files again. Listings can overlap on a busy machine and end in any order: only a
   * listing started after the one shown replaces it, or an older list would hide a file for good.
   */
  private list(): Promise<Index> {
    const started = ++this.listings;
    this.listedAt = Date.now();
    this.running++;
    const next = listFiles()
      .then((index) => {
        if (started > this.shownListing) {
          this.shownListing = started;
          this.current = index;
          this.built = next;
        }
        return this.current!;
      })
      .finally(() => this.running--);
    return next;
  }

  private watch(): void {
    const markStale = (): void => {
      this.stale = true;
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.watchers.push(
      watcher,
      watcher.onDidCreate(markStale),
      watcher.onDidDelete(markStale),
      vscode.workspace.onDidChangeWorkspaceFolders(markStale),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude')) markStale();
      }),
    );
    // An edited .gitignore changes what is listed without a file coming or going.
    const gitignores = vscode.workspace.createFileSystemWatcher('**/.gitignore', true, false, true);
    this.watchers.push(gitignores, gitignores.onDidChange(markStale));
  }
}

interface Index {
  readonly matcher: PathMatcher;
  readonly byPath: ReadonlyMap<string, vscode.Uri>;
}

async function listFiles(): Promise<Index> {
  const byPath = new Map<string, vscode.Uri>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const file of await folderFiles(folder)) byPath.set(file.path, file.uri);
  }
  return { matcher: new PathMatcher([...byPath.keys()].sort(byDepthThenName)), byPath };
}

async function folderFiles(folder: vscode.WorkspaceFolder): Promise<IndexedFile[]> {
  const config = (section: string): Record<string, unknown> | undefined => vscode.workspace.getConfiguration(section, folder.uri).get<Record<string, unknown>>('exclude');
  const exclude = excludeGlob(enabledPatterns(config('files'), config('search')));
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), exclude ? new vscode.RelativePattern(folder, exclude) : undefined, MAX_FILES);
  const relative = new Map(uris.filter((uri) => !looksSecret(uri)).map((uri) => [uri.path.slice(folder.uri.path.length + 1), uri]));
  const kept = notIgnored([...relative.keys()], await gitignores(folder, uris));
  return kept.map((rel) => ({ uri: relative.get(rel)!, path: vscode.workspace.asRelativePath(relative.get(rel)!) }));
}

/** The folder's .gitignore files (found among the listed files: an excluded folder's are moot). */
async function gitignores(folder: vscode.WorkspaceFolder, uris: readonly vscode.Uri[]): Promise<GitignoreFile[]> {
  const files = uris.filter((uri) => uri.path.endsWith('/.gitignore'));
  const decoder = new TextDecoder();
  return Promise.all(
    files.map(async (uri) => ({
      dir: uri.path.slice(folder.uri.path.length + 1, -'/.gitignore'.length),
      content: decoder.decode(await vscode.workspace.fs.readFile(uri)),
    })),
  );
}

/** Shallow files first (a project's own files before deep ones), then by name. */
function byDepthThenName(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || a.localeCompare(b);
}
