// The security and reliability stage (test/security): packages Chorus as a .vsix, then attacks it
// in a real VS Code (code-server) through headless Chromium: hostile answers (XSS, exfiltration),
// a fuzzed webview → host boundary, provider faults, huge input, load, interrupted history writes
// and a scan for leaked keys. Prints the measured figures at the end.
import * as path from 'node:path';
import Mocha from 'mocha';
import { figureReport } from '../security/figures';
import { closeSession } from '../security/session';
import { vscodeVersion } from './codeServer';
import { fail, say } from './log';
import { repoRoot } from './paths';
import { prepareTestMachine } from './prepare';
import { formatResult, type StageResult, stagePassed, watchFailures } from './result';
import { packagedVsix } from './vsix';

/** In order: the key scan comes last, after everything else has written its logs, state and history. */
const SUITES = [
  'durability.security.test.js',
  'xss.security.test.js',
  'exfiltration.security.test.js',
  'boundary.security.test.js',
  'faults.security.test.js',
  'size.security.test.js',
  'load.security.test.js',
  'history.security.test.js',
  'trust.security.test.js',
  'keyLeaks.security.test.js',
];

export async function runSecurity(): Promise<StageResult> {
  prepareTestMachine();
  // The security tests attack the packaged .vsix.
  packagedVsix();
  const vscode = vscodeVersion();
  say(`security tests against the packaged Chorus in VS Code ${vscode} (code-server) through Chromium`);
  const only = process.env.CHORUS_SECURITY_ONLY?.split(',').map((name) => `${name}.security.test.js`);
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec' });
  for (const file of SUITES) if (!only || only.includes(file)) mocha.addFile(path.join(repoRoot, 'out', 'test', 'security', file));
  const result = await new Promise<StageResult>((resolve) => {
    const runner = mocha.run((failed) => resolve({ stage: 'security', passed: runner.stats?.passes ?? 0, failed, failures, vscode }));
    const failures = watchFailures(runner);
  });
  await closeSession();
  say(`security figures:\n${figureReport()}`);
  say(`security tests in VS Code ${vscode}: ${formatResult(result)}`);
  return result;
}

if (require.main === module) {
  runSecurity().then(
    (result) => process.exit(stagePassed(result) ? 0 : 1),
    (error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
  );
}
