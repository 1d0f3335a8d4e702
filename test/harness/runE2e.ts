// Packages Chorus as a .vsix and runs the end-to-end suite (test/e2e), which installs that package
// into a real VS Code (code-server) and drives it through headless Chromium.
import * as path from 'node:path';
import { vscodeVersion } from './codeServer';
import { fail } from './log';
import { runMochaFiles } from './mochaStage';
import { repoRoot } from './paths';
import { findTestFiles } from './mochaFiles';
import { prepareTestMachine } from './prepare';
import { type StageResult, stagePassed } from './result';
import { packagedVsix } from './vsix';

export async function runE2e(): Promise<StageResult> {
  prepareTestMachine();
  packagedVsix();
  // CHORUS_E2E_ONLY=chat,slashCommands runs those files only.
  const only = process.env.CHORUS_E2E_ONLY?.split(',').map((name) => `${name}.e2e.test.js`);
  const files = findTestFiles(path.join(repoRoot, 'out', 'test', 'e2e'), '.e2e.test.js').filter((file) => !only || only.includes(path.basename(file)));
  return runMochaFiles({ stage: 'e2e', title: 'end-to-end tests', vscode: vscodeVersion(), files });
}

if (require.main === module) {
  runE2e().then(
    (result) => process.exit(stagePassed(result) ? 0 : 1),
    (error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
  );
}
