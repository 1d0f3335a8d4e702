// Entry point the VS Code extension host loads (`extensionTestsPath`) for the lm stage
// (test/harness/runLm.ts): tests of Chorus's models through VS Code's Language Model API, run as
// code of another extension (test/lm/consumer), with the packaged Chorus installed beside it.
// Adding a test file: put it in test/lm/ and add its compiled name to TEST_FILES.
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { reportToLauncher, watchFailures } from '../harness/result';

const TEST_FILES = ['environment.test.js', 'models.test.js', 'chat.test.js'];

export async function run(): Promise<void> {
  // The harness shows the extension host's console from this line on (LM_SUITE_BANNER in runLm.ts).
  console.log(`Running Chorus lm tests in ${vscode.env.appName} ${vscode.version}`);
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of TEST_FILES) mocha.addFile(path.join(__dirname, file));
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // Read back by test/harness/extensionHostTests.ts.
      reportToLauncher(runner.stats?.passes ?? 0, failures, failed);
      if (failures > 0) reject(new Error(`${failures} lm test(s) failed`));
      else if (runner.stats?.passes === 0) reject(new Error('no lm test ran'));
      else resolve();
    });
    const failed = watchFailures(runner);
  });
}
