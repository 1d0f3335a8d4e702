// Reads prompt files: `.chorus/prompts/*.md` in the workspace's folders (only in a trusted workspace:
// a workspace is not the user) and `*.md` in the user's own folders (chorus.promptFolders).
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commandFromFile, commandNameOf, type CommandSource, type SlashCommand } from '../prompts/slashCommands';

/** Files read per folder at most, and the largest file read (bytes): prompt files are short. */
const MAX_FILES_PER_FOLDER = 200;
const MAX_FILE_BYTES = 100_000;

/** The workspace's prompt folders, or none when the workspace is not trusted. */
export function workspacePromptFolders(): vscode.Uri[] {
  if (!vscode.workspace.isTrusted) return [];
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => vscode.Uri.joinPath(folder.uri, '.chorus', 'prompts'));
}

/**
 * The user's prompt folders: absolute paths, `~` for the home folder. Only the user's own settings
 * count (the setting's scope is `application`; a workspace value is ignored here as well).
 */
export function userPromptFolders(log: vscode.LogOutputChannel): vscode.Uri[] {
  const value = vscode.workspace.getConfiguration('chorus').inspect<unknown>('promptFolders')?.globalValue;
  if (!Array.isArray(value)) return [];
  const folders: vscode.Uri[] = [];
  for (const entry of value) {
    if (typeof entry !== 'string' || !entry.trim()) continue;
    const expanded = entry.trim().replace(/^~(?=$|[/\\])/, os.homedir());
    if (path.isAbsolute(expanded)) folders.push(vscode.Uri.file(expanded));
    else log.warn(`chorus.promptFolders: "${entry}" is not an absolute path; skipped`);
  }
  return folders;
}

/** The commands of the prompt files in `folder` (none if it does not exist). */
export async function readPromptFolder(folder: vscode.Uri, source: CommandSource, log: vscode.LogOutputChannel): Promise<SlashCommand[]> {
  let entries: Array<[string, vscode.FileType]>;
  try {
    // Asked first: VS Code logs an error for every readDirectory of a missing folder, and most workspaces have none.
    if (!((await vscode.workspace.fs.stat(folder)).type & vscode.FileType.Directory)) return [];
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return [];
  }
  const files = entries.filter(([name, type]) => type & vscode.FileType.File && commandNameOf(name)).slice(0, MAX_FILES_PER_FOLDER);
  const commands = await Promise.all(files.map(([name]) => readPromptFile(vscode.Uri.joinPath(folder, name), commandNameOf(name)!, source, log)));
  return commands.filter((c): c is SlashCommand => c !== undefined);
}

async function readPromptFile(uri: vscode.Uri, name: string, source: CommandSource, log: vscode.LogOutputChannel): Promise<SlashCommand | undefined> {
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > MAX_FILE_BYTES) {
      log.warn(`Prompt file ${uri.fsPath} is larger than ${MAX_FILE_BYTES} bytes; skipped`);
      return undefined;
    }
    const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    return commandFromFile(name, text, source);
  } catch (error) {
    log.warn(`Reading prompt file ${uri.fsPath} failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
