// The extension host Chorus runs in, seen from outside: its process (found by the user-data folder
// the harness gives it), its V8 inspector (opened on a port we chose, through NODE_OPTIONS
// --inspect-port and SIGUSR1, as `node --inspect` would), and its log files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WebSocket } from 'undici';

/** Environment for code-server so the extension host's inspector, once opened, listens on `port`. */
export function inspectorEnv(port: number): Record<string, string> {
  return { NODE_OPTIONS: `--inspect-port=127.0.0.1:${port}` };
}

/** The pid of the extension host started for this user-data folder, if it is running. */
export function findExtensionHost(userDataDir: string): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('--type=extensionHost')) continue;
      if (fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`CHORUS_TEST_USER_DATA_DIR=${userDataDir}`)) return Number(entry);
    } catch {
      // A process that ended while we looked, or one that is not ours to read.
    }
  }
  return undefined;
}

export interface MemorySample {
  readonly heapUsed: number;
  readonly rss: number;
}

/** A Chrome DevTools Protocol session with the extension host's V8. */
export class ExtensionHostInspector {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(
    private readonly socket: WebSocket,
    readonly pid: number,
  ) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = message.id !== undefined ? this.pending.get(message.id) : undefined;
      if (!waiter) return;
      this.pending.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
    socket.addEventListener('close', () => {
      for (const waiter of this.pending.values()) waiter.reject(new Error('inspector connection closed'));
      this.pending.clear();
    });
  }

  /** Opens the inspector of process `pid` (started with inspectorEnv(port)) and checks it is that process. */
  static async attach(pid: number, port: number): Promise<ExtensionHostInspector> {
    process.kill(pid, 'SIGUSR1');
    let targets: Array<{ webSocketDebuggerUrl: string }> | undefined;
    for (let i = 0; i < 50 && !targets; i++) {
      try {
        targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    if (!targets?.[0]) throw new Error(`the extension host's inspector did not open on port ${port}`);
    const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error('could not connect to the extension host inspector')), { once: true });
    });
    const inspector = new ExtensionHostInspector(socket, pid);
    const seen = await inspector.evaluate<number>('process.pid');
    if (seen !== pid) {
      inspector.close();
      throw new Error(`the inspector on port ${port} belongs to process ${seen}, not the extension host ${pid}`);
    }
    return inspector;
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Evaluates an expression in the extension host's main context and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = await this.send<{ result: { value?: T }; exceptionDetails?: { text: string } }>('Runtime.evaluate', { expression, returnByValue: true });
    if (reply.exceptionDetails) throw new Error(`evaluation failed: ${reply.exceptionDetails.text}`);
    return reply.result.value as T;
  }

  /**
   * Memory after full garbage collections forced through the inspector (HeapProfiler.collectGarbage,
   * what DevTools' "collect garbage" button does): the smallest of `samples` readings.
   */
  async memoryAfterGc(samples = 3): Promise<MemorySample> {
    let best: MemorySample | undefined;
    for (let i = 0; i < samples; i++) {
      await this.send('HeapProfiler.collectGarbage');
      const usage = await this.evaluate<{ heapUsed: number; rss: number }>('(() => { const m = process.memoryUsage(); return { heapUsed: m.heapUsed, rss: m.rss }; })()');
      if (!best || usage.heapUsed < best.heapUsed) best = usage;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return best!;
  }

  close(): void {
    this.socket.close();
  }
}

/** The extension host's log folder(s) under a user-data folder (logs/<session>/exthost<N>/). */
function exthostDirs(userDataDir: string): string[] {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return [];
  const dirs: string[] = [];
  for (const session of fs.readdirSync(logs)) {
    const sessionDir = path.join(logs, session);
    if (!fs.statSync(sessionDir).isDirectory()) continue;
    for (const entry of fs.readdirSync(sessionDir)) if (/^exthost\d*$/.test(entry)) dirs.push(path.join(sessionDir, entry));
  }
  return dirs.sort();
}

/** Everything Chorus's output channel ("Chorus", a log channel) has written, all sessions. */
export function chorusLog(userDataDir: string): string {
  return exthostDirs(userDataDir)
    .map((dir) => path.join(dir, 'chorus-dev.chorus', 'Chorus.log'))
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('');
}

/** The extension host's own log (remoteexthost.log under code-server), all sessions. */
export function extensionHostLog(userDataDir: string): string {
  return exthostDirs(userDataDir)
    .flatMap((dir) => fs.readdirSync(dir).filter((name) => /exthost\.log$/i.test(name)).map((name) => path.join(dir, name)))
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('');
}

/**
 * Errors the extension host logged: an unhandled rejection or uncaught exception (from any
 * extension) is written there as "[error] Error: …", with its stack on the following lines.
 */
export function extensionHostErrors(userDataDir: string): string[] {
  return extensionHostLog(userDataDir)
    .split('\n')
    .filter((line) => /^\S+ \S+ \[error\]/.test(line));
}

/** The workbench's console line for an unhandled rejection in the extension host. */
export const UNHANDLED_IN_HOST = /\[Extension Host\].*(rejected promise not handled|uncaught)/i;

/** Polls `read` until `done` says yes (or `limitMs` passed); returns the last value read. */
export async function pollUntil<T>(read: () => T | Promise<T>, done: (value: T) => boolean, limitMs = 10_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
