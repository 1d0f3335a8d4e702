// Runs the integration suite (out/test/integration/index.js) inside a real VS Code extension host
// (see extensionHostTests.ts), with this working copy of Chorus as the extension under development.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runExtensionHostSuite } from './extensionHostTests';
import { repoRoot } from './paths';
import { prepareTestMachine } from './prepare';
import { type StageResult, stagePassed } from './result';

export async function runIntegration(): Promise<StageResult> {
  prepareTestMachine();
  const testsIndex = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(testsIndex) || !fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('build first: npm run build && npm run compile-tests');
  }
  return runExtensionHostSuite({
    stage: 'integration',
    title: 'integration tests',
    developmentPath: repoRoot,
    testsIndex,
    // The first line test/integration/index.ts prints.
    banner: 'Running Chorus integration tests',
    timeLimitMs: Number(process.env.CHORUS_INTEGRATION_TIMEOUT_MS ?? 15 * 60_000),
  });
}

if (require.main === module) {
  runIntegration().then(
    (result) => process.exit(stagePassed(result) ? 0 : 1),
    (error: unknown) => {
      process.stderr.write(`[chorus-test] ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
