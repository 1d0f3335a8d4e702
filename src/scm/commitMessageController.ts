// Generate Commit Message: the staged diff (or, with nothing staged, every change) of a repository,
// fitted to the request budget, is sent to the current model, and the message streams into that
// repository's input box. One generation at a time: while it runs the Source Control title shows
// Stop, and pressing generate again stops it too.
import * as vscode from 'vscode';
import { currentProvider, generationSettings, getSetting } from '../config/configuration';
import type { Instructions } from '../config/instructions';
import type { ProviderFactory } from '../config/providerFactory';
import { offerToSetKey } from '../editor/missingKey';
import { type ChatProvider, ProviderError } from '../providers';
import { cleanCommitMessage, commitMessages, commitSystemPrompt, streamingCommitMessage } from '../prompts/commitPrompt';
import { fitDiff } from '../prompts/commitDiff';
import { answerLanguage } from '../prompts/selectionPrompts';
import { reportError, showError } from '../ui/showError';
import { Disposable } from '../util/disposable';
import type { GitRepository } from './gitApi';
import { untrackedFiles } from './gitApi';

/** What a run ended with (returned by the command, for scripts and tests). */
export type CommitMessageResult =
  | { readonly state: 'written'; readonly message: string }
  | { readonly state: 'stopped' }
  | { readonly state: 'failed'; readonly message: string }
  | { readonly state: 'nothingToDescribe' };

/** Characters of diff sent to providers without a known input limit. */
const DEFAULT_DIFF_BUDGET = 24_000;
const CONTEXT_KEY = 'chorus.generatingCommitMessage';

export class CommitMessageController extends Disposable {
  private running: AbortController | undefined;

  constructor(
    private readonly providers: ProviderFactory,
    private readonly instructions: Instructions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register({ dispose: () => this.stop() });
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  stop(): void {
    this.running?.abort();
  }

  /** Writes a message for `repository` into its input box; resolves when the answer has ended. */
  async generate(repository: GitRepository): Promise<CommitMessageResult> {
    const abort = new AbortController();
    this.running = abort;
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY, true);
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.SourceControl }, () => this.write(repository, abort.signal));
    } finally {
      if (this.running === abort) this.running = undefined;
      await vscode.commands.executeCommand('setContext', CONTEXT_KEY, this.running !== undefined);
    }
  }

  private async write(repository: GitRepository, signal: AbortSignal): Promise<CommitMessageResult> {
    const staged = repository.state.indexChanges.length > 0;
    const diff = await repository.diff(staged);
    const untracked = staged ? [] : untrackedFiles(repository);
    if (!diff.trim() && untracked.length === 0) return { state: 'nothingToDescribe' };
    const providerId = await this.providers.currentProvider();
    const language = answerLanguage(getSetting('responseLanguage'), vscode.env.language);
    const system = commitSystemPrompt(getSetting('commitMessage.style') === 'plain' ? 'plain' : 'conventional', language, await this.instructions.sources());
    // Instructions, the untracked list and the wording count too: the diff gets what is left.
    const limit = providerId === 'qianfan' ? getSetting('qianfan.maxInputChars') : DEFAULT_DIFF_BUDGET;
    const overhead = system.length + untracked.reduce((n, p) => n + p.length + 2, 0) + 200;
    const messages = commitMessages(system, fitDiff(diff, Math.max(200, limit - overhead)), untracked);
    this.log.info(`Commit message for ${staged ? 'staged' : 'all'} changes (${diff.length} characters of diff) with ${providerId}`);
    const before = repository.inputBox.value;
    let answer = '';
    let provider: ChatProvider | undefined;
    try {
      provider = (await this.providers.create(providerId)).provider;
      for await (const event of provider.stream({ messages, ...generationSettings(providerId) }, { signal })) {
        // Only the answer's text: thinking text never goes into the input box.
        if (event.type !== 'text' || event.choice !== 0) continue;
        answer += event.text;
        repository.inputBox.value = streamingCommitMessage(answer);
      }
    } catch (error) {
      if (signal.aborted) return { state: 'stopped' };
      if (!answer) repository.inputBox.value = before;
      return { state: 'failed', message: this.report(error, providerId) };
    } finally {
      void provider?.dispose();
    }
    repository.inputBox.value = cleanCommitMessage(answer);
    if (signal.aborted) return { state: 'stopped' };
    return { state: 'written', message: repository.inputBox.value };
  }

  private report(error: unknown, providerId: ReturnType<typeof currentProvider>): string {
    if (error instanceof ProviderError && error.kind === 'auth' && error.keyMissing) return offerToSetKey(providerId);
    const report = reportError(error);
    void showError(report, this.log);
    return report.summary;
  }
}
