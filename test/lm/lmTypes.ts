// The VS Code 1.104 language-model classes these tests use, which the 1.90 typings (the engines
// floor the repository compiles against) do not have. The tests run only in VS Code 1.104.
import * as vscode from 'vscode';

export interface ToolCallPart {
  readonly callId: string;
  readonly name: string;
  readonly input: object;
}

interface Newer {
  LanguageModelTextPart: new (value: string) => { readonly value: string };
  LanguageModelToolCallPart: new (callId: string, name: string, input: object) => ToolCallPart;
  LanguageModelToolResultPart: new (callId: string, content: unknown[]) => object;
  LanguageModelChatMessage: new (role: number, content: unknown[] | string) => vscode.LanguageModelChatMessage;
}

export const lm = vscode as unknown as Newer;

export function isToolCall(part: unknown): part is ToolCallPart {
  return part instanceof lm.LanguageModelToolCallPart;
}

export function isText(part: unknown): part is { readonly value: string } {
  return part instanceof lm.LanguageModelTextPart;
}

/** Request options with tools (typed for 1.104; the 1.90 typings know only `justification`). */
export function withTools(tools: ReadonlyArray<{ name: string; description: string; inputSchema?: object }>): vscode.LanguageModelChatRequestOptions {
  return { tools } as unknown as vscode.LanguageModelChatRequestOptions;
}

/** Polls `check` until it holds (models arrive after the servers' lists do). */
export async function until(check: () => Promise<boolean> | boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function chorusModels(): Promise<vscode.LanguageModelChat[]> {
  return vscode.lm.selectChatModels({ vendor: 'chorus' });
}

/** Every part of a response (1.104's `stream`; the 1.90 typings have only `text`). */
export function streamOf(response: vscode.LanguageModelChatResponse): AsyncIterable<unknown> {
  return (response as unknown as { stream: AsyncIterable<unknown> }).stream;
}
