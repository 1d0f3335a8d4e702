// Webview tests: the rendering core (src/webview/render) bundled with esbuild and run in headless
// Chromium under the product's CSP, driven by mocha over out/test/webview/**/*.test.js.
import * as path from 'node:path';
import Mocha from 'mocha';
import { bundleRenderFixture } from '../webview/page';
import { fail, say } from './log';
import { findTestFiles } from './mochaFiles';
import { repoRoot } from './paths';
import { formatResult, type StageResult, stagePassed, watchFailures } from './result';
import { ensureSystemPackages } from './systemPackages';

export async function runWebview(): Promise<StageResult> {
  ensureSystemPackages();
  await bundleRenderFixture();
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter: 'spec' });
  for (const file of findTestFiles(path.join(repoRoot, 'out', 'test', 'webview'), '.test.js')) mocha.addFile(file);
  return new Promise((resolve) => {
    const runner = mocha.run((failed) => {
      const result: StageResult = { stage: 'webview', passed: runner.stats?.passes ?? 0, failed, failures };
      say(`webview tests in Chromium: ${formatResult(result)}`);
      resolve(result);
    });
    const failures = watchFailures(runner);
  });
}

if (require.main === module) {
  runWebview().then(
    (result) => process.exit(stagePassed(result) ? 0 : 1),
    (error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
  );
}
