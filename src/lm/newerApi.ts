import * as vscode from 'vscode';

// The parts of VS Code 1.104's Language Model Chat Provider API that Chorus uses, declared here
// because Chorus compiles against the 1.90 API (engines ^1.90.0). Used only behind lmApi()'s check.

export interface LmModelInfo {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly tooltip?: string;
  readonly detail?: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly imageInput?: boolean; readonly toolCalling?: boolean | number };
}

export interface LmTool {
  readonly name: string;
  readonly description: string;
  readonly inputSchema?: object;
}

export interface LmResponseOptions {
  readonly modelOptions?: { readonly [name: string]: unknown };
  readonly tools?: readonly LmTool[];
  readonly toolMode: number;
}

export interface LmRequestMessage {
  /** 1 user, 2 assistant; 3 system (proposed, sent by VS Code's own chat). */
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
  readonly name: string | undefined;
}

export interface LmChatProvider {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: { readonly silent: boolean }, token: vscode.CancellationToken): vscode.ProviderResult<LmModelInfo[]>;
  provideLanguageModelChatResponse(
    model: LmModelInfo,
    messages: readonly LmRequestMessage[],
    options: LmResponseOptions,
    progress: vscode.Progress<unknown>,
    token: vscode.CancellationToken,
  ): Thenable<void>;
  provideTokenCount(model: LmModelInfo, text: string | LmRequestMessage, token: vscode.CancellationToken): Thenable<number>;
}

/** The response part classes, constructed from VS Code's own module so the caller recognises them. */
export interface LmParts {
  readonly TextPart: new (value: string) => object;
  readonly ToolCallPart: new (callId: string, name: string, input: object) => object;
}

export interface LmApi {
  readonly register: (vendor: string, provider: LmChatProvider) => vscode.Disposable;
  readonly parts: LmParts;
}

/** The API when this VS Code has it (1.104 and newer); undefined on older versions. */
export function lmApi(): LmApi | undefined {
  const lm = (vscode as unknown as { lm?: { registerLanguageModelChatProvider?: LmApi['register'] } }).lm;
  const classes = vscode as unknown as { LanguageModelTextPart?: LmParts['TextPart']; LanguageModelToolCallPart?: LmParts['ToolCallPart'] };
  if (typeof lm?.registerLanguageModelChatProvider !== 'function' || !classes.LanguageModelTextPart || !classes.LanguageModelToolCallPart) return undefined;
  return {
    register: (vendor, provider) => lm.registerLanguageModelChatProvider!(vendor, provider),
    parts: { TextPart: classes.LanguageModelTextPart, ToolCallPart: classes.LanguageModelToolCallPart },
  };
}
