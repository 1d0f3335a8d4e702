// `npm test`: unit tests in plain Node, the chat webview's rendering in Chromium, then the
// integration suite inside a real VS Code extension host, the lm suite (Chorus's models seen by
// another extension through the Language Model API) in VS Code 1.104, the end-to-end suite through
// the browser, the smoke suite in the oldest VS Code Chorus supports, and the security suite against
// the packaged extension. Every stage runs; any failure fails the run. The report names the VS Code
// version each stage ran in.
import { codeServerReleases, type CodeServerVersion, defaultCodeServerVersion, floorCodeServerVersion, lmCodeServerVersion } from './codeServerVersions';
import { say } from './log';
import { formatResult, type StageResult, stagePassed } from './result';
import { runE2e } from './runE2e';
import { runIntegration } from './runIntegration';
import { runLm } from './runLm';
import { runSecurity } from './runSecurity';
import { runSmoke } from './runSmoke';
import { runUnit } from './runUnit';
import { runWebview } from './runWebview';

interface Stage {
  readonly name: string;
  /** The code-server the stage runs, so the report names its VS Code even when the stage crashed. */
  readonly codeServer?: CodeServerVersion;
  readonly run: () => Promise<StageResult>;
}

const stages: readonly Stage[] = [
  { name: 'unit', run: runUnit },
  { name: 'webview', run: runWebview },
  { name: 'integration', codeServer: defaultCodeServerVersion, run: runIntegration },
  { name: 'lm', codeServer: lmCodeServerVersion, run: runLm },
  { name: 'e2e', codeServer: defaultCodeServerVersion, run: runE2e },
  { name: 'smoke', codeServer: floorCodeServerVersion, run: runSmoke },
  { name: 'security', codeServer: defaultCodeServerVersion, run: runSecurity },
];

async function main(): Promise<void> {
  const results: StageResult[] = [];
  for (const stage of stages) {
    say(`── ${stage.name} tests ──`);
    try {
      results.push(await stage.run());
    } catch (error) {
      process.stderr.write(`[chorus-test] ${stage.name} stage crashed: ${error instanceof Error ? error.stack : String(error)}\n`);
      const vscode = stage.codeServer && codeServerReleases[stage.codeServer].vscode;
      results.push({ stage: stage.name, passed: 0, failed: 1, ...(vscode ? { vscode } : {}) });
    }
  }
  for (const result of results) {
    const where = result.vscode ? `VS Code ${result.vscode}` : '';
    say(`${result.stage.padEnd(12)} ${where.padEnd(16)} ${formatResult(result)}${stagePassed(result) ? '' : '  ✘'}`);
    for (const failure of result.failures ?? []) say(`  ✘ ${failure}`);
  }
  const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed }), { passed: 0, failed: 0 });
  // The plain closing line CI reads.
  process.stdout.write(`${formatResult(total)}\n`);
  process.exit(results.every(stagePassed) ? 0 : 1);
}

void main();
