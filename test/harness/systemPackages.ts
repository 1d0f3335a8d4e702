import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { fail, say } from './log';

interface Requirement {
  /** A file whose presence shows the package is installed. */
  readonly file: string;
  readonly debianPackage: string;
  readonly why: string;
}

/** Chromium is the browser window; the other two are what code-server's install needs here. */
const requirements: readonly Requirement[] = [
  { file: '/usr/bin/chromium', debianPackage: 'chromium', why: 'the browser that shows VS Code to the tests' },
  { file: '/usr/bin/rg', debianPackage: 'ripgrep', why: "VS Code's search, installed offline into code-server" },
  { file: '/usr/bin/krb5-config', debianPackage: 'libkrb5-dev', why: "headers for code-server's native kerberos module" },
];

export const chromiumPath = process.env.CHORUS_CHROMIUM ?? '/usr/bin/chromium';

/** Installs the Debian packages the test harness needs, or explains how to when it cannot. */
export function ensureSystemPackages(): void {
  const missing = requirements.filter((r) => !fs.existsSync(r.file) && !(r.debianPackage === 'chromium' && fs.existsSync(chromiumPath)));
  if (missing.length === 0) return;
  const names = missing.map((r) => r.debianPackage);
  const list = missing.map((r) => `  ${r.debianPackage}: ${r.why}`).join('\n');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !fs.existsSync('/usr/bin/apt-get')) {
    fail(`missing system packages:\n${list}\nInstall them with: sudo apt-get update && sudo apt-get install -y ${names.join(' ')}`);
  }
  say(`installing Debian packages: ${names.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...names]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      fail(`"apt-get ${args.join(' ')}" failed (exit ${result.status}). Packages needed:\n${list}`);
    }
  }
}
