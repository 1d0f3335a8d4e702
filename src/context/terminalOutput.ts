import * as vscode from 'vscode';
import { MAX_CODE_ATTACHMENT } from '../editor/attachments';
import type { Attachment } from '../shared/conversation';
import { cappedText } from './cappedText';
import { commandLineOf, listenToShellExecutions, type ShellExecution, type ShellExecutionEnd, type ShellExecutionStart, terminalSelection } from './terminalApi';
import { type CommandRecord, commandText } from './terminalText';

// The terminal as an attachment: what the developer selected in it, or the last command they ran
// and what it printed. VS Code tells extensions about commands only as they run (shell
// integration), so a recorder listens from activation and keeps each terminal's last one.

/** Output attached of one command: its end, where the result and the errors are. */
const MAX_OUTPUT_CHARS = 50_000;
/** Raw output kept per command; escape sequences take room too. */
const MAX_RAW_CHARS = 2 * MAX_OUTPUT_CHARS;

interface Recording {
  commandLine: string;
  output: string;
  outputCut: boolean;
  exitCode?: number;
  running: boolean;
}

/** Keeps, per terminal, the last command run with shell integration and its output. Only listens until asked. */
export class TerminalRecorder implements vscode.Disposable {
  private readonly last = new WeakMap<vscode.Terminal, Recording>();
  private readonly byExecution = new WeakMap<ShellExecution, Recording>();
  private readonly listener: vscode.Disposable | undefined;
  private disposed = false;

  constructor() {
    this.listener = listenToShellExecutions(
      (e) => this.started(e),
      (e) => this.ended(e),
    );
  }

  /** Whether this VS Code reports the commands run in terminals (1.93 and newer). */
  get available(): boolean {
    return this.listener !== undefined;
  }

  /** The last command run in `terminal` since Chorus started, running or done. */
  lastCommand(terminal: vscode.Terminal): CommandRecord | undefined {
    const recording = this.last.get(terminal);
    return recording && { ...recording };
  }

  dispose(): void {
    this.disposed = true;
    this.listener?.dispose();
  }

  private started({ terminal, execution }: ShellExecutionStart): void {
    const recording: Recording = { commandLine: commandLineOf(execution), output: '', outputCut: false, running: true };
    this.last.set(terminal, recording);
    this.byExecution.set(execution, recording);
    // read() yields only what is written after its first call, so it is called at once.
    if (typeof execution.read === 'function') void this.record(execution.read(), recording);
  }

  private async record(stream: AsyncIterable<string>, recording: Recording): Promise<void> {
    try {
      for await (const chunk of stream) {
        if (this.disposed) return;
        recording.output += chunk;
        // Cut back only when twice over, so a long stream of small chunks stays linear.
        if (recording.output.length > 2 * MAX_RAW_CHARS) {
          recording.output = recording.output.slice(-MAX_RAW_CHARS);
          recording.outputCut = true;
        }
      }
    } catch {
      // The terminal went away while it was read: what came is kept.
    }
  }

  private ended({ terminal, execution, exitCode }: ShellExecutionEnd): void {
    const recording = this.byExecution.get(execution) ?? this.last.get(terminal);
    if (!recording) return;
    recording.running = false;
    if (exitCode !== undefined) recording.exitCode = exitCode;
    // The command line is surer at the end (the shell reports what it ran).
    recording.commandLine = commandLineOf(execution) || recording.commandLine;
  }
}

/** The active terminal's selection, else its last command and output, or what to do to get one. */
export function terminalAttachment(recorder: TerminalRecorder): Attachment | string {
  const terminal = vscode.window.activeTerminal;
  if (!terminal) return vscode.l10n.t('No terminal is open. Open one and run a command, then attach it.');
  const selection = terminalSelection(terminal);
  if (selection) return attachment(vscode.l10n.t('Terminal {0}: selection', terminal.name), selection);
  const record = recorder.lastCommand(terminal);
  if (record) return attachment(vscode.l10n.t('Terminal {0}: last command', terminal.name), commandText(record, MAX_OUTPUT_CHARS));
  if (!recorder.available) {
    return vscode.l10n.t('Select text in the terminal to attach it. Attaching the last command and its output needs VS Code 1.93 or newer.');
  }
  if ((terminal as unknown as { readonly shellIntegration?: unknown }).shellIntegration === undefined) {
    return vscode.l10n.t(
      'Chorus cannot see the commands of terminal {0}: shell integration is not active in it. Select text in it to attach, or turn on terminal.integrated.shellIntegration.enabled and open a new terminal.',
      terminal.name,
    );
  }
  return vscode.l10n.t('Nothing was run in terminal {0} since Chorus started. Run a command there, or select text in it, then attach it.', terminal.name);
}

function attachment(path: string, text: string): Attachment {
  return { kind: 'code', source: 'terminal', path, languageId: 'text', ...cappedText(text, MAX_CODE_ATTACHMENT) };
}
