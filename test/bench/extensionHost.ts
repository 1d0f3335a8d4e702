// The extension host of a code-server started by the harness, seen from outside: its process (found
// by the user-data folder the harness puts in its environment), its CPU time from /proc, and its
// JS heap through the Node inspector, which SIGUSR1 opens on 127.0.0.1:9229 as in any Node process.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

/** The pid of the extension host serving the code-server that uses `userDataDir`. */
export function extensionHostPid(userDataDir: string): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!args.includes('extensionHost')) continue;
      const env = fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (env.includes(`CHORUS_TEST_USER_DATA_DIR=${userDataDir}`)) return Number(entry);
    } catch {
      // A process that ended while we looked.
    }
  }
  return undefined;
}

let ticksPerSecond: number | undefined;

/** CPU time (user + system) the process has used, in ms (10 ms resolution on most kernels). */
export function processCpuMs(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
}

interface InspectorSocket {
  send(data: string): void;
  close(): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  once(event: 'open' | 'error', listener: (error?: Error) => void): void;
}

/** A connection to the process's inspector, opened with SIGUSR1. */
export class NodeInspector {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: InspectorSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.waiting.get(message.id)?.(message.result);
    });
  }

  static async open(pid: number): Promise<NodeInspector> {
    process.kill(pid, 'SIGUSR1');
    let url: string | undefined;
    for (let i = 0; i < 50 && !url; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      try {
        const targets = (await (await fetch('http://127.0.0.1:9229/json/list')).json()) as Array<{ webSocketDebuggerUrl?: string }>;
        url = targets[0]?.webSocketDebuggerUrl;
      } catch {
        // Not listening yet.
      }
    }
    if (!url) throw new Error('the extension host opened no inspector on 127.0.0.1:9229');
    // playwright-core's bundled WebSocket client (Node 20 has none built in without a flag).
    const { ws: WebSocket } = createRequire(__filename)('playwright-core/lib/utilsBundle') as { ws: new (url: string) => InspectorSocket };
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', (error) => reject(error ?? new Error('inspector connection failed')));
    });
    return new NodeInspector(socket);
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The JS heap in use after a full garbage collection, in MB. */
  async heapAfterGcMb(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage');
    const usage = (await this.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize / 1048576;
  }

  close(): void {
    this.socket.close();
  }
}
