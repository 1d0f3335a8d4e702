// Where the model's instructions come from: the user's `chorus.instructions` setting and, in a
// trusted workspace, each folder's `AGENTS.md` and `.chorus/instructions.md`. A workspace is not the
// user, so its files are read only once VS Code trusts it, and `chorus.useWorkspaceInstructions` turns
// them off. Read again for every request, so an edit applies at once.
import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';
import { watchWorkspaceFiles } from '../util/workspaceFilesWatch';
import { getSetting } from './configuration';

/** One place instructions come from (the shape src/prompts/systemPrompt.ts composes). */
export interface InstructionSource {
  /** `settings`, or the file's path in the workspace. */
  readonly name: string;
  readonly text: string;
}

/** Paths inside a workspace folder, in the order they are sent. */
export const INSTRUCTION_FILES = ['AGENTS.md', '.chorus/instructions.md'] as const;

/** More than this of one file is left out: instructions are sent with every request and count against its limit. */
const MAX_FILE_CHARS = 20_000;

export class Instructions extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** A file was created, changed or deleted, a setting changed, or the workspace became trusted. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.register(
      watchWorkspaceFiles(
        INSTRUCTION_FILES.map((file) => `**/${file}`),
        ['chorus.instructions', 'chorus.useWorkspaceInstructions'],
        () => this.changed.fire(),
      ),
    );
  }

  /** The instructions to send now: the setting first, then the workspace's files. */
  async sources(): Promise<InstructionSource[]> {
    const own = getSetting('instructions');
    return [...(own.trim() ? [{ name: 'settings', text: own }] : []), ...(await this.workspaceFiles())];
  }

  /** The workspace files in use, as the panel names them (empty when there are none). */
  async fileNames(): Promise<string[]> {
    return (await this.workspaceFiles()).map((s) => s.name);
  }

  private async workspaceFiles(): Promise<InstructionSource[]> {
    if (!vscode.workspace.isTrusted || !getSetting('useWorkspaceInstructions')) return [];
    const found: InstructionSource[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const file of INSTRUCTION_FILES) {
        const uri = vscode.Uri.joinPath(folder.uri, file);
        const text = await this.read(uri);
        if (text?.trim()) found.push({ name: vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1), text });
      }
    }
    return found;
  }

  private async read(uri: vscode.Uri): Promise<string | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return undefined; // No such file: the usual case.
    }
    const text = new TextDecoder().decode(bytes);
    if (text.length <= MAX_FILE_CHARS) return text;
    this.log.warn(`${uri.fsPath} has ${text.length} characters; only the first ${MAX_FILE_CHARS} are sent as instructions`);
    return text.slice(0, MAX_FILE_CHARS);
  }
}
