// Packages Chorus as a .vsix and runs the end-to-end suite (test/e2e), which installs that package
// into a real VS Code (code-server) and drives it through headless Chromium.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { vscodeVersion } from './codeServer';
import { fail, say } from './log';
import { repoRoot } from './paths';
import { findTestFiles } from './mochaFiles';
import { prepareTestMachine } from './prepare';
import { formatResult, type StageResult, stagePassed } from './result';

const MAX_VSIX_BYTES = 2 * 1024 * 1024;

export async function runE2e(): Promise<StageResult> {
  prepareTestMachine();
  const packaged = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  if (packaged.status !== 0) fail('npm run package failed; the end-to-end tests need the .vsix');
  const vsix = path.join(repoRoot, 'chorus.vsix');
  const size = fs.statSync(vsix).size;
  say(`chorus.vsix: ${(size / 1024).toFixed(0)} KB`);
  // The package must stay small: bundles only, no node_modules, no sources or maps.
  if (size > MAX_VSIX_BYTES) fail(`chorus.vsix is ${(size / 1048576).toFixed(2)} MB, over the ${MAX_VSIX_BYTES / 1048576} MB budget`);
  process.env.CHORUS_VSIX = vsix;
  say(`end-to-end tests in VS Code ${vscodeVersion()} (code-server) through Chromium`);
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec' });
  // CHORUS_E2E_ONLY=chat,slashCommands runs those files only.
  const only = process.env.CHORUS_E2E_ONLY?.split(',').map((name) => `${name}.e2e.test.js`);
  for (const file of findTestFiles(path.join(repoRoot, 'out', 'test', 'e2e'), '.e2e.test.js')) if (!only || only.includes(path.basename(file))) mocha.addFile(file);
  return new Promise((resolve) => {
    const runner = mocha.run((failures) => {
      const result: StageResult = { stage: 'e2e', passed: runner.stats?.passes ?? 0, failed: failures };
      say(`end-to-end tests in VS Code ${vscodeVersion()}: ${formatResult(result)}`);
      resolve(result);
    });
  });
}

if (require.main === module) {
  runE2e().then(
    (result) => process.exit(stagePassed(result) ? 0 : 1),
    (error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
  );
}
