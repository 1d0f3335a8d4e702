// Packages Chorus as a .vsix and runs the end-to-end suite (test/e2e), which installs that package
// into a real VS Code (code-server) and drives it through headless Chromium.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import Mocha from 'mocha';
import { vscodeVersion } from './codeServer';
import { fail, say } from './log';
import { repoRoot } from './paths';
import { findTestFiles } from './mochaFiles';
import { prepareTestMachine } from './prepare';
import { formatResult, type StageResult, stagePassed } from './result';

export async function runE2e(): Promise<StageResult> {
  prepareTestMachine();
  const packaged = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  if (packaged.status !== 0) fail('npm run package failed; the end-to-end tests need the .vsix');
  process.env.CHORUS_VSIX = path.join(repoRoot, 'chorus.vsix');
  say(`end-to-end tests in VS Code ${vscodeVersion()} (code-server) through Chromium`);
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec' });
  for (const file of findTestFiles(path.join(repoRoot, 'out', 'test', 'e2e'), '.e2e.test.js')) mocha.addFile(file);
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
