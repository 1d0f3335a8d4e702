// The OpenAI-compatible provider pointed at a suite's fake server through the user settings, as a
// user would set it, and the settings put back after the suite.
import * as vscode from 'vscode';

const chorus = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('chorus');

/** What pointOpenAiAt sets. */
export const OPENAI_SETTINGS: readonly string[] = ['provider', 'openai.baseUrl', 'openai.model'];

/** Makes the OpenAI-compatible provider current, at `baseUrl`, with the fake servers' model. */
export async function pointOpenAiAt(baseUrl: string): Promise<void> {
  await chorus().update('provider', 'openai', vscode.ConfigurationTarget.Global);
  await chorus().update('openai.baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
  await chorus().update('openai.model', 'fake-model', vscode.ConfigurationTarget.Global);
}

/** Removes `keys` (under `chorus.`) from the user settings. */
export async function resetChorusSettings(keys: readonly string[]): Promise<void> {
  for (const key of keys) await chorus().update(key, undefined, vscode.ConfigurationTarget.Global);
}
