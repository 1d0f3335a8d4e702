// The smoke stage: the packaged Chorus in the oldest VS Code it supports (engines ^1.90.0, VS Code
// 1.90.2 from code-server 4.90.3), driven through Chromium with the end-to-end helpers: it activates
// and one chat goes through the panel. The full end-to-end suite stays on the default VS Code.
import * as path from 'node:path';
import { vscodeVersion } from './codeServer';
import { floorCodeServerVersion } from './codeServerVersions';
import { fail } from './log';
import { findTestFiles } from './mochaFiles';
import { runMochaFiles } from './mochaStage';
import { repoRoot } from './paths';
import { prepareTestMachine } from './prepare';
import { type StageResult, stagePassed } from './result';
import { packagedVsix } from './vsix';

export async function runSmoke(): Promise<StageResult> {
  prepareTestMachine(floorCodeServerVersion);
  packagedVsix();
  const files = findTestFiles(path.join(repoRoot, 'out', 'test', 'smoke'), '.smoke.test.js');
  return runMochaFiles({ stage: 'smoke', title: 'smoke tests', vscode: vscodeVersion(floorCodeServerVersion), files });
}

if (require.main === module) {
  runSmoke().then(
    (result) => process.exit(stagePassed(result) ? 0 : 1),
    (error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
  );
}
