// `npm run test:electron`: the same integration suite in desktop VS Code, downloaded by
// @vscode/test-electron. It needs internet access to Microsoft's update servers (our CI machines
// have none, so `npm test` uses code-server instead); VS Code's version is CHORUS_VSCODE_VERSION, default the engines floor.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './paths';

async function main(): Promise<void> {
  await runTests({
    version: process.env.CHORUS_VSCODE_VERSION ?? '1.90.0',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [path.join(repoRoot, 'test', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
