// Runs a mocha suite inside a real VS Code extension host: code-server serves VS Code, headless
// Chromium opens it in extension-development mode (extensionDevelopmentPath + extensionTestsPath in
// the payload), and the workbench reports the suite's console output and its exit code back to us.
// Used by the integration stage (Chorus itself under development) and the lm stage (a consumer
// extension under development, Chorus installed from its .vsix).
import * as fs from 'node:fs';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startCodeServer } from './codeServer';
import type { CodeServerVersion } from './codeServerVersions';
import { say } from './log';
import { formatResult, INTEGRATION_FAILURE_PREFIX, INTEGRATION_RESULT_PREFIX, type StageResult } from './result';
import { copySampleWorkspace } from './workspace';

export interface ExtensionHostSuite {
  /** The stage's name in the report. */
  readonly stage: string;
  /** What the report calls the suite, e.g. "integration tests". */
  readonly title: string;
  readonly version?: CodeServerVersion;
  /** The folder of the extension under development (absolute). */
  readonly developmentPath: string;
  /** The compiled suite index exporting `run()` (absolute). */
  readonly testsIndex: string;
  /** The first line the suite prints: what comes before it is workbench chatter. */
  readonly banner: string;
  /** Packaged extensions installed before start, as a user would have them. */
  readonly install?: readonly string[];
  readonly timeLimitMs: number;
}

/** What the page reported while the suite ran. */
interface Report {
  readonly exit: Promise<number>;
  result(): StageResult | undefined;
  chatter(): string;
}

export async function runExtensionHostSuite(suite: ExtensionHostSuite): Promise<StageResult> {
  const folder = copySampleWorkspace();
  const server = await startCodeServer({ folder, version: suite.version, install: suite.install });
  const vscode = server.vscodeVersion;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  say(`${suite.title} in VS Code ${vscode} (code-server, ${server.url})`);
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    const report = await listen(page, suite);
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(suite.developmentPath)],
      ['extensionTestsPath', remote(suite.testsIndex)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await withTimeLimit(report.exit, suite);
    if (code !== 0) {
      process.stderr.write(`[chorus-test] workbench console:\n${report.chatter().slice(-4000)}\n`);
      process.stderr.write(`[chorus-test] code-server output:\n${server.output().slice(-4000)}\n`);
    }
    // A suite that crashed or timed out counts as one failure even if it reported nothing.
    const result: StageResult = { ...(report.result() ?? { stage: suite.stage, passed: 0, failed: 1 }), vscode };
    const final = code === 0 ? result : { ...result, failed: Math.max(result.failed, 1) };
    say(`${suite.title} in VS Code ${vscode}: ${formatResult(final)}`);
    return final;
  } finally {
    await browser?.close();
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The workbench forwards every console line of the extension host; the suite's start with its
 * banner, the rest is workbench chatter (such as the unreachable extension gallery) kept for a failure report.
 */
async function listen(page: Page, suite: ExtensionHostSuite): Promise<Report> {
  let settle: (code: number) => void = () => undefined;
  const exit = new Promise<number>((resolve) => (settle = resolve));
  let suiteStarted = false;
  let reported: StageResult | undefined;
  const failures: string[] = [];
  const chatter: string[] = [];
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    const line = format(...args);
    if (line.startsWith(suite.banner)) suiteStarted = true;
    const counts = line.startsWith(INTEGRATION_RESULT_PREFIX) ? /(\d+) passed, (\d+) failed/.exec(line) : null;
    if (counts) reported = { stage: suite.stage, passed: Number(counts[1]), failed: Number(counts[2]), failures };
    else if (line.startsWith(INTEGRATION_FAILURE_PREFIX)) failures.push(line.slice(INTEGRATION_FAILURE_PREFIX.length).trim());
    else if (suiteStarted) process.stdout.write(`${line}\n`);
    else chatter.push(line);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
  return { exit, result: () => reported, chatter: () => chatter.join('\n') };
}

async function withTimeLimit(exit: Promise<number>, suite: ExtensionHostSuite): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      process.stderr.write(`[chorus-test] ${suite.title} did not finish within ${suite.timeLimitMs / 1000} s\n`);
      resolve(1);
    }, suite.timeLimitMs);
  });
  const code = await Promise.race([exit, timeout]);
  clearTimeout(timer);
  return code;
}
