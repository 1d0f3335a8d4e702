import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fail, say } from './log';
import { cacheDir, codeServerVersion } from './paths';

/** Where code-server is installed, outside the project's own node_modules so `npm ci` stays fast and rootless. */
export const codeServerDir = path.join(cacheDir, `code-server-${codeServerVersion}`);
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

const ripgrepVersion = '1.15.11';
const ripgrepAsset = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** Installs code-server (a real VS Code: server, web workbench and Node extension host) unless cached. */
export function ensureCodeServer(): void {
  if (fs.existsSync(codeServerEntry)) return;
  say(`installing code-server ${codeServerVersion} into ${path.relative(process.cwd(), codeServerDir) || codeServerDir} (about a minute, once)`);
  seedRipgrepCache();
  const partial = `${codeServerDir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  fs.writeFileSync(
    path.join(partial, 'package.json'),
    JSON.stringify({ name: 'chorus-test-code-server', private: true, dependencies: { 'code-server': codeServerVersion } }, null, 2),
  );
  const result = spawnSync(
    'npm',
    // npm 11 skips dependencies' install scripts unless allowed; code-server's are what build it.
    ['install', '--no-audit', '--no-fund', '--no-package-lock', '--dangerously-allow-all-scripts'],
    {
      cwd: partial,
      stdio: 'inherit',
      env: {
        ...process.env,
        // code-server's postinstall refuses to run as root without this, and node-pty's runs `npx node-gyp`.
        npm_config_unsafe_perm: 'true',
        npm_config_yes: 'true',
      },
    },
  );
  if (result.status !== 0 || !fs.existsSync(path.join(partial, 'node_modules', 'code-server', 'out', 'node', 'entry.js'))) {
    fail(
      `installing code-server ${codeServerVersion} failed (npm exit ${result.status}). It needs the npm registry, ` +
        'Node 20, python3, make, g++ and the Debian package libkrb5-dev. The output above says which step broke.',
    );
  }
  fs.rmSync(codeServerDir, { recursive: true, force: true });
  fs.renameSync(partial, codeServerDir);
}

/**
 * @vscode/ripgrep's postinstall downloads a ripgrep build from GitHub, which these machines cannot reach.
 * It looks in this cache first, so we put Debian's `rg` there in the archive form it expects.
 */
function seedRipgrepCache(): void {
  const cache = path.join(os.tmpdir(), `vscode-ripgrep-cache-${ripgrepVersion}`);
  const archive = path.join(cache, ripgrepAsset);
  if (fs.existsSync(archive)) return;
  fs.mkdirSync(cache, { recursive: true });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-rg-'));
  fs.copyFileSync('/usr/bin/rg', path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  const result = spawnSync('tar', ['-czf', archive, '-C', staging, 'rg'], { stdio: 'inherit' });
  fs.rmSync(staging, { recursive: true, force: true });
  if (result.status !== 0) fail('could not pack /usr/bin/rg for the ripgrep cache (is tar installed?)');
}
