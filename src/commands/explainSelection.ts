import * as vscode from 'vscode';
import { ChatViewProvider } from '../chat/chatViewProvider';
import { currentProvider, getSetting, modelSetting } from '../config/configuration';
import type { ProviderFactory } from '../config/providerFactory';
import type { SecretStore } from '../config/secretStore';
import { MAX_CODE_ATTACHMENT, tooLargeToAttach } from '../editor/attachments';
import type { LastEditor } from '../editor/lastEditor';
import { keyIsMissing, offerToSetKey } from '../editor/missingKey';
import { answerLanguage, explainPrompt } from '../prompts/selectionPrompts';
import { PREVIEW_SCHEME } from '../editor/rewritePreview';
import { codeWithContext, resolveTarget } from '../editor/selectionTarget';
import type { TurnStatus } from '../shared/conversation';

export interface ExplainDeps {
  readonly chatView: ChatViewProvider;
  readonly providers: ProviderFactory;
  readonly secrets: SecretStore;
  readonly editors: LastEditor;
  readonly log: vscode.LogOutputChannel;
}

/** What the command resolves to: how the answer ended, or why nothing was sent. */
export type ExplainResult = { readonly state: 'answered'; readonly status: TurnStatus | undefined } | { readonly state: 'refused'; readonly message: string };

function refuse(message: string): ExplainResult {
  void vscode.window.showWarningMessage(message);
  return { state: 'refused', message };
}

/**
 * `chorus.explainSelection`: sends the selection (or the function around the cursor, or its line)
 * with its path, language and surrounding lines to the chat panel, as a turn of its conversation.
 */
export function registerExplainSelection(deps: ExplainDeps): vscode.Disposable {
  return vscode.commands.registerCommand('chorus.explainSelection', async (): Promise<ExplainResult> => {
    const editor = deps.editors.get();
    if (!editor || editor.document.uri.scheme === PREVIEW_SCHEME) return refuse(vscode.l10n.t('Chorus: open a file in the editor first.'));
    const { range, target } = await resolveTarget(editor);
    const text = editor.document.getText(range);
    if (!text.trim()) return refuse(vscode.l10n.t('Chorus: nothing to explain here. Select some code, or put the cursor in a function or on a line of code.'));
    if (text.length > MAX_CODE_ATTACHMENT) {
      return refuse(tooLargeToAttach(text.length));
    }
    const providerId = currentProvider();
    if (await keyIsMissing(providerId, deps.providers)) return { state: 'refused', message: offerToSetKey(providerId) };
    const { controller } = deps.chatView;
    await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    await deps.chatView.whenReady();
    if (controller.busy) {
      // The answer on screen keeps streaming in its own conversation; the explanation gets a new one.
      await controller.newConversation();
      vscode.window.setStatusBarMessage(vscode.l10n.t('Chorus: the previous answer carries on in History.'), 8000);
    }
    // Explain uses the current model, even in a conversation started with another.
    controller.setModel(providerId, modelSetting(providerId));
    const prompt = explainPrompt(target, answerLanguage(getSetting('responseLanguage'), vscode.env.language));
    deps.log.info(`Explain ${target.kind} (lines ${range.start.line + 1}-${range.end.line + 1}, ${editor.document.languageId})`);
    await controller.send(prompt, [codeWithContext(editor.document, range, text)]);
    const last = controller.current.turns.at(-1);
    return { state: 'answered', status: last?.role === 'assistant' ? last.status : undefined };
  });
}
