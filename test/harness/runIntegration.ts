// Runs the integration suite (out/test/integration/index.js) inside a real VS Code extension host:
// code-server serves VS Code, headless Chromium opens it in extension-development mode, and the
// workbench reports the suite's console output and its exit code back to us.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './browser';
import { startCodeServer, vscodeVersion } from './codeServer';
import { say } from './log';
import { repoRoot } from './paths';
import { formatResult, INTEGRATION_RESULT_PREFIX, type StageResult, stagePassed } from './result';
import { prepareTestMachine } from './prepare';
import { copySampleWorkspace } from './workspace';

/** The first line test/integration/index.ts prints. */
const SUITE_BANNER = 'Running Chorus integration tests';
const SUITE_TIME_LIMIT_MS = Number(process.env.CHORUS_INTEGRATION_TIMEOUT_MS ?? 15 * 60_000);

export async function runIntegration(): Promise<StageResult> {
  prepareTestMachine();
  const testsIndex = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(testsIndex) || !fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('build first: npm run build && npm run compile-tests');
  }
  const folder = copySampleWorkspace();
  const server = await startCodeServer({ folder });
  const browser = await launchChromium();
  say(`integration tests in VS Code ${vscodeVersion()} (code-server, ${server.url})`);
  try {
    const page = await browser.newPage();
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(testsIndex)],
      ['skipWelcome', 'true'],
    ];
    let settle: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => (settle = resolve));
    // The workbench forwards every console line; ours start with the suite's banner, the rest is
    // workbench chatter (such as the unreachable extension gallery) kept for a failure report.
    let suiteStarted = false;
    let reported: StageResult | undefined;
    const chatter: string[] = [];
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = format(...args);
      if (line.startsWith(SUITE_BANNER)) suiteStarted = true;
      const counts = line.startsWith(INTEGRATION_RESULT_PREFIX) ? /(\d+) passed, (\d+) failed/.exec(line) : null;
      if (counts) reported = { stage: 'integration', passed: Number(counts[1]), failed: Number(counts[2]) };
      else if (suiteStarted) process.stdout.write(`${line}\n`);
      else chatter.push(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        process.stderr.write(`[chorus-test] integration suite did not finish within ${SUITE_TIME_LIMIT_MS / 1000} s\n`);
        resolve(1);
      }, SUITE_TIME_LIMIT_MS);
    });
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    if (code !== 0) {
      process.stderr.write(`[chorus-test] workbench console:\n${chatter.join('\n').slice(-4000)}\n`);
      process.stderr.write(`[chorus-test] code-server output:\n${server.output().slice(-4000)}\n`);
    }
    // A suite that crashed or timed out counts as one failure even if it reported nothing.
    const result: StageResult = reported ?? { stage: 'integration', passed: 0, failed: 1 };
    const final = code === 0 ? result : { ...result, failed: Math.max(result.failed, 1) };
    say(`integration tests in VS Code ${vscodeVersion()}: ${formatResult(final)}`);
    return final;
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
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
