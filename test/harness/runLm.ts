// The lm stage: the lm suite (test/lm) in VS Code 1.104 (code-server 4.104.0), where extensions can
// offer chat models through the Language Model API. Chorus is installed from its .vsix as a user
// has it; the extension under development is a small consumer (test/lm/consumer), so every
// `vscode.lm` call of the tests comes from another extension than Chorus, as a real consumer's would.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lmCodeServerVersion } from './codeServerVersions';
import { runExtensionHostSuite } from './extensionHostTests';
import { repoRoot } from './paths';
import { prepareTestMachine } from './prepare';
import { type StageResult, stagePassed } from './result';
import { packagedVsix } from './vsix';

/** The first line test/lm/index.ts prints. */
const LM_SUITE_BANNER = 'Running Chorus lm tests';

export async function runLm(): Promise<StageResult> {
  prepareTestMachine(lmCodeServerVersion);
  const suiteDir = path.join(repoRoot, 'out', 'test', 'lm');
  const testsIndex = path.join(suiteDir, 'index.js');
  if (!fs.existsSync(testsIndex)) throw new Error('build first: npm run build && npm run compile-tests');
  // The compiled suite becomes the consumer extension: its manifest beside the compiled tests, so
  // VS Code attributes their `vscode` calls to the consumer (it goes by the calling file's folder).
  fs.copyFileSync(path.join(repoRoot, 'test', 'lm', 'consumer', 'package.json'), path.join(suiteDir, 'package.json'));
  return runExtensionHostSuite({
    stage: 'lm',
    title: 'lm tests',
    version: lmCodeServerVersion,
    developmentPath: suiteDir,
    testsIndex,
    banner: LM_SUITE_BANNER,
    install: [packagedVsix()],
    timeLimitMs: Number(process.env.CHORUS_LM_TIMEOUT_MS ?? 10 * 60_000),
  });
}

if (require.main === module) {
  runLm().then(
    (result) => process.exit(stagePassed(result) ? 0 : 1),
    (error: unknown) => {
      process.stderr.write(`[chorus-test] ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
