// The consumer extension's entry point (compiled to out/test/lm/consumer/extension.js). It does
// nothing of its own: the lm tests run in its extension host as its code. It hands its context to
// the tests (for example languageModelAccessInformation, which is per extension).
import type * as vscode from 'vscode';

export interface ConsumerApi {
  readonly context: vscode.ExtensionContext;
}

export function activate(context: vscode.ExtensionContext): ConsumerApi {
  return { context };
}

export function deactivate(): void {
  // Nothing to release.
}
