import * as vscode from 'vscode';

// The parts of the terminal API newer than 1.90 that Chorus uses, declared here because Chorus
// compiles against the 1.90 API (engines ^1.90.0), and detected at run time:
// - shell integration's executions (`window.onDidStartTerminalShellExecution`…), stable from 1.93.
//   In 1.90–1.92 the names exist but are proposed API: desktop VS Code throws when an extension
//   that did not declare them subscribes, and earlier proposals had other shapes (no `read()`);
// - `Terminal.selection`, still the proposed `terminalSelection` API (1.100), yet readable by any
//   extension: the workbench sends every terminal's selection to the extension host.

export interface ShellExecution {
  /** `{ value }` since 1.93; a plain string in early proposals. */
  readonly commandLine?: { readonly value: string } | string;
  /** The raw data the command writes, escape sequences included, from the first call on. */
  read?(): AsyncIterable<string>;
}

export interface ShellExecutionStart {
  readonly terminal: vscode.Terminal;
  readonly execution: ShellExecution;
}

export interface ShellExecutionEnd extends ShellExecutionStart {
  readonly exitCode: number | undefined;
}

interface NewerWindow {
  readonly onDidStartTerminalShellExecution?: vscode.Event<ShellExecutionStart>;
  readonly onDidEndTerminalShellExecution?: vscode.Event<ShellExecutionEnd>;
}

/** Listens to the commands run in terminals with shell integration; undefined when this VS Code cannot say. */
export function listenToShellExecutions(onStart: (e: ShellExecutionStart) => void, onEnd: (e: ShellExecutionEnd) => void): vscode.Disposable | undefined {
  const window = vscode.window as unknown as NewerWindow;
  if (typeof window.onDidStartTerminalShellExecution !== 'function' || typeof window.onDidEndTerminalShellExecution !== 'function') return undefined;
  const listeners: vscode.Disposable[] = [];
  try {
    listeners.push(window.onDidStartTerminalShellExecution(onStart));
    listeners.push(window.onDidEndTerminalShellExecution(onEnd));
  } catch {
    // Proposed API refused (desktop VS Code 1.90–1.92).
    for (const listener of listeners) listener.dispose();
    return undefined;
  }
  return vscode.Disposable.from(...listeners);
}

/** The command line an execution ran, whichever shape this VS Code gives it in. */
export function commandLineOf(execution: ShellExecution): string {
  const line = execution.commandLine;
  return (typeof line === 'string' ? line : (line?.value ?? '')).trim();
}

/** The text selected in `terminal`, if any (and if this VS Code reports it). */
export function terminalSelection(terminal: vscode.Terminal): string | undefined {
  try {
    const selection = (terminal as unknown as { readonly selection?: unknown }).selection;
    return typeof selection === 'string' && selection.trim() ? selection : undefined;
  } catch {
    return undefined;
  }
}
