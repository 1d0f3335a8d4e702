// Entry point the VS Code extension host loads (`extensionTestsPath`), under code-server and
// under @vscode/test-electron alike. Test files are listed explicitly so every runner runs the same set.
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { reportToLauncher, watchFailures } from '../harness/result';

const TEST_FILES = ['activation.test.js', 'apiKeys.test.js', 'testConnection.test.js', 'qianfan.test.js', 'attachments.test.js', 'explain.test.js', 'rewrite.test.js', 'slashCommands.test.js', 'instructions.test.js', 'commitMessage.test.js', 'endpoints.test.js', 'addToChat.test.js', 'mentions.test.js', 'contextSources.test.js'];

export async function run(): Promise<void> {
  console.log(`Running Chorus integration tests in ${vscode.env.appName} ${vscode.version}`);
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // CHORUS_INTEGRATION_ONLY=mentions,addToChat runs those files only (while working on them).
  const only = process.env.CHORUS_INTEGRATION_ONLY?.split(',').map((name) => `${name}.test.js`);
  for (const file of TEST_FILES.filter((f) => !only || only.includes(f))) mocha.addFile(path.join(__dirname, file));
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // Read back by test/harness/extensionHostTests.ts.
      reportToLauncher(runner.stats?.passes ?? 0, failures, failed);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else if (runner.stats?.passes === 0) reject(new Error('no integration test ran'));
      else resolve();
    });
    const failed = watchFailures(runner);
  });
}
