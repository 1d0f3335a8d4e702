// The composer's slash commands on the host: the built-ins, the workspace's prompt files and the
// user's, listed for the picker and expanded when a prompt starting with `/name` is sent.
import * as vscode from 'vscode';
import { getSetting } from '../config/configuration';
import { MAX_CODE_ATTACHMENT, codeAttachment } from '../editor/attachments';
import type { LastEditor } from '../editor/lastEditor';
import { BUILT_IN_COMMANDS, type BuiltInCommand, builtInPrompt } from '../prompts/builtInCommands';
import { codeContext } from '../prompts/chatTurns';
import { answerLanguage, type AnswerLanguage } from '../prompts/selectionPrompts';
import { type Placeholder, type SlashCommand, expandPrompt, mergeCommands, missingNote, parseCommandLine } from '../prompts/slashCommands';
import type { SlashCommandInfo } from '../shared/webviewProtocol';
import { Disposable } from '../util/disposable';
import { watchWorkspaceFiles } from '../util/workspaceFilesWatch';
import { readPromptFolder, userPromptFolders, workspacePromptFolders } from './promptFiles';

function builtInDescription(name: BuiltInCommand): string {
  switch (name) {
    case 'explain':
      return vscode.l10n.t('Explain the selected code');
    case 'fix':
      return vscode.l10n.t('Find and fix bugs in the selected code');
    case 'tests':
      return vscode.l10n.t('Write unit tests for the selected code');
    case 'doc':
      return vscode.l10n.t('Write documentation comments for the selected code');
    case 'review':
      return vscode.l10n.t('Review the selected code');
  }
}

export class SlashCommands extends Disposable {
  /** `changed` runs when a prompt file may have changed (the panel lists the commands again). */
  constructor(
    private readonly editors: LastEditor,
    private readonly log: vscode.LogOutputChannel,
    changed: () => void,
  ) {
    super();
    this.register(watchWorkspaceFiles(['**/.chorus/prompts/*.md'], ['chorus.promptFolders', 'chorus.responseLanguage'], changed));
  }

  /** Every command, read afresh (prompt files are few and small): a file of a built-in's name replaces it, the user's replace the workspace's. */
  async list(): Promise<SlashCommand[]> {
    const language = this.language();
    const builtIns = BUILT_IN_COMMANDS.map((name): SlashCommand => ({ name, description: builtInDescription(name), template: builtInPrompt(name, language), source: 'builtIn' }));
    const read = (folders: vscode.Uri[], source: 'workspace' | 'user'): Promise<SlashCommand[][]> => Promise.all(folders.map((folder) => readPromptFolder(folder, source, this.log)));
    const [workspace, user] = await Promise.all([read(workspacePromptFolders(), 'workspace'), read(userPromptFolders(this.log), 'user')]);
    return mergeCommands(builtIns, ...workspace, ...user);
  }

  /** The commands as the picker shows them. */
  async infos(): Promise<SlashCommandInfo[]> {
    return (await this.list()).map(({ name, description, source }) => ({ name, description, source }));
  }

  /** The prompt to send for `text` when it starts with a known `/name`; undefined otherwise (sent as typed). */
  async expand(text: string): Promise<string | undefined> {
    const line = parseCommandLine(text);
    if (!line) return undefined;
    const command = (await this.list()).find((c) => c.name === line.name);
    if (!command) return undefined;
    const language = this.language();
    return expandPrompt(command.template, line.input, (placeholder) => this.placeholderText(placeholder, language), language);
  }

  private language(): AnswerLanguage {
    return answerLanguage(getSetting('responseLanguage'), vscode.env.language);
  }

  /** The editor's selection or file as a fenced block with its path and lines, or a note saying why there is none. */
  private placeholderText(placeholder: Placeholder, language: AnswerLanguage): string {
    const editor = this.editors.get();
    if (!editor) return missingNote(placeholder, 'noEditor', language);
    const wholeFile = placeholder === 'file';
    if (!wholeFile && editor.selection.isEmpty) return missingNote(placeholder, 'empty', language);
    const length = wholeFile ? editor.document.getText().length : editor.document.getText(editor.selection).length;
    if (length > MAX_CODE_ATTACHMENT) return missingNote(placeholder, 'tooLarge', language, length, MAX_CODE_ATTACHMENT);
    const code = codeAttachment(editor, wholeFile);
    return typeof code === 'string' || code.kind !== 'code' ? missingNote(placeholder, 'empty', language) : codeContext(code);
  }
}
