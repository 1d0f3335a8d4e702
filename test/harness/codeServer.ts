import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerInstall, type CodeServerInstall } from './codeServerInstall';
import { type CodeServerVersion, defaultCodeServerVersion } from './codeServerVersions';

export interface CodeServerOptions {
  /** The folder VS Code opens. */
  readonly folder: string;
  /** Where extensions are installed; a fresh temporary folder when omitted. */
  readonly extensionsDir?: string;
  /** User settings written before start. */
  readonly settings?: Record<string, unknown>;
  /**
   * Remote ("Machine") settings written before start. code-server is a remote window: there a
   * machine-overridable setting (Chorus's base URLs) holds reliably only in these, not in User settings.
   */
  readonly machineSettings?: Record<string, unknown>;
  /** A fixed port; a free one when omitted. */
  readonly port?: number;
  /** Extra environment for the server and its extension host. */
  readonly env?: Record<string, string>;
  /** Show the server's own output (for `npm start`). */
  readonly verbose?: boolean;
  /** Packaged extensions (.vsix) to install before start, into `extensionsDir`, as a user would. */
  readonly install?: readonly string[];
  /** VS Code's display language, e.g. 'zh-cn' (what `--locale` sets on the desktop). */
  readonly locale?: string;
  /** A folder for user data and server state that outlives the server (for `npm start`); a temporary one, removed on stop, when omitted. */
  readonly stateDir?: string;
  /** Which code-server (so which VS Code) to run; see codeServerVersions.ts. The default one when omitted. */
  readonly version?: CodeServerVersion;
}

export interface CodeServer {
  readonly url: string;
  /** The VS Code version it serves, e.g. 1.104.0. */
  readonly vscodeVersion: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Everything the server printed, for diagnosing a failed run. */
  output(): string;
  stop(): Promise<void>;
}

/** Settings that keep a test VS Code quiet and offline. */
export const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
};

/** The VS Code version a code-server release bundles, read from its product files. */
export function vscodeVersion(version: CodeServerVersion = defaultCodeServerVersion): string {
  const pkg = path.join(path.dirname(codeServerInstall(version).entry), '..', '..', 'lib', 'vscode', 'package.json');
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/** Starts code-server on 127.0.0.1 with its own user-data folder; resolves once it answers HTTP. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const port = options.port ?? (await freePort());
  const runtime = codeServerInstall(options.version);
  const home = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-vscode-'));
  const userDataDir = path.join(home, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(home, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // Installed with the server's own user data folder: a language pack registers itself there.
  for (const vsix of options.install ?? []) installVsix(vsix, extensionsDir, userDataDir, options.version);
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  // A kept state folder keeps the user's own settings; a fresh one starts quiet.
  if (!options.stateDir || !fs.existsSync(settingsFile)) {
    fs.writeFileSync(settingsFile, JSON.stringify({ ...quietSettings, ...options.settings }, null, 2));
  }
  const machineFile = path.join(userDataDir, 'Machine', 'settings.json');
  if (options.machineSettings && (!options.stateDir || !fs.existsSync(machineFile))) {
    fs.mkdirSync(path.dirname(machineFile), { recursive: true });
    fs.writeFileSync(machineFile, JSON.stringify(options.machineSettings, null, 2));
  }
  const args = [
    runtime.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(options.locale ? ['--locale', options.locale] : []),
    options.folder,
  ];
  let output = '';
  const child = spawn(runtime.node, args, {
    // Its own process group, so stopping it also stops the extension host and other children.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // Keep code-server's config and state out of the user's home.
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_HOME: path.join(home, 'data'),
      // Lets integration tests inspect what VS Code wrote (settings, logs, storage) for leaks.
      CHORUS_TEST_USER_DATA_DIR: userDataDir,
      // A release on another Node finds that Node first, also for what it spawns.
      ...runtime.env,
      ...options.env,
    },
  });
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString();
    output += text;
    if (options.verbose) process.stdout.write(text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const killOnExit = (): void => killGroup(child);
  process.on('exit', killOnExit);

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthy(url, child, () => output);
  } catch (error) {
    killGroup(child);
    throw error;
  }
  return {
    url,
    vscodeVersion: vscodeVersion(options.version),
    port,
    userDataDir,
    extensionsDir,
    output: () => output,
    stop: async () => {
      process.off('exit', killOnExit);
      await stopChild(child);
      if (!options.stateDir) fs.rmSync(home, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Installs a packaged extension into an extensions folder, as a user would. */
export function installVsix(vsixPath: string, extensionsDir: string, userDataDir: string, version?: CodeServerVersion): void {
  const install: CodeServerInstall = codeServerInstall(version);
  const args = [install.entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsixPath];
  const result = spawnSync(install.node, args, {
    encoding: 'utf8',
    env: { ...process.env, ...install.env, XDG_CONFIG_HOME: path.join(extensionsDir, '..', 'config') },
  });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

async function waitForHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer on ${url} within 60 s:\n${output()}`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
