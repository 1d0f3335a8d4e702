// Unit tests: mocha in plain Node (no VS Code), over out/test/unit/**/*.test.js.
import * as path from 'node:path';
import Mocha from 'mocha';
import { findTestFiles } from './mochaFiles';
import { repoRoot } from './paths';
import { type StageResult, watchFailures } from './result';

export function runUnit(): Promise<StageResult> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, reporter: 'spec' });
  for (const file of findTestFiles(path.join(repoRoot, 'out', 'test', 'unit'), '.test.js')) mocha.addFile(file);
  return new Promise((resolve) => {
    const runner = mocha.run((failed) => resolve({ stage: 'unit', passed: runner.stats?.passes ?? 0, failed, failures }));
    const failures = watchFailures(runner);
  });
}
