import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail, say } from './log';
import { repoRoot } from './paths';

const MAX_VSIX_BYTES = 2 * 1024 * 1024;

/**
 * The packaged Chorus (chorus.vsix) the stages install as a user would: packaged once per run
 * (CHORUS_VSIX names it afterwards, or a package built elsewhere).
 */
export function packagedVsix(): string {
  if (process.env.CHORUS_VSIX) return process.env.CHORUS_VSIX;
  const packaged = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  if (packaged.status !== 0) fail('npm run package failed; the tests that install Chorus need the .vsix');
  const vsix = path.join(repoRoot, 'chorus.vsix');
  const size = fs.statSync(vsix).size;
  say(`chorus.vsix: ${(size / 1024).toFixed(0)} KB`);
  // The package must stay small: bundles only, no node_modules, no sources or maps.
  if (size > MAX_VSIX_BYTES) fail(`chorus.vsix is ${(size / 1048576).toFixed(2)} MB, over the ${MAX_VSIX_BYTES / 1048576} MB budget`);
  process.env.CHORUS_VSIX = vsix;
  return vsix;
}
