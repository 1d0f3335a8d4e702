import type Mocha from 'mocha';

/** What one stage of the test run counted. */
export interface StageResult {
  readonly stage: string;
  readonly passed: number;
  readonly failed: number;
  /** The VS Code version the stage ran in, for stages that run one. */
  readonly vscode?: string;
  /** The failed tests' titles and first message lines, repeated in the closing summary CI shows. */
  readonly failures?: readonly string[];
}

/** The line test/integration/index.ts and test/lm/index.ts print at the end, read back by the launcher. */
export const INTEGRATION_RESULT_PREFIX = 'chorus-integration-result:';

/** The line before it, one per failed test, with the test's title and first message line. */
export const INTEGRATION_FAILURE_PREFIX = 'chorus-integration-failed:';

/**
 * Prints what an extension-host suite ran, for the launcher to read back: a line per failed test
 * (INTEGRATION_FAILURE_PREFIX), then the counts (INTEGRATION_RESULT_PREFIX).
 */
export function reportToLauncher(passed: number, failed: number, failures: readonly string[]): void {
  for (const failure of failures) console.log(`${INTEGRATION_FAILURE_PREFIX} ${failure}`);
  console.log(`${INTEGRATION_RESULT_PREFIX} ${passed} passed, ${failed} failed`);
}

/** Collects each failed test of a mocha run as "full title: first line of the error". */
export function watchFailures(runner: Mocha.Runner): string[] {
  const failures: string[] = [];
  runner.on('fail', (test: Mocha.Runnable, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    failures.push(`${test.fullTitle()}: ${message.split('\n', 1)[0]!.slice(0, 300)}`);
  });
  return failures;
}

export function formatResult(result: Pick<StageResult, 'passed' | 'failed'>): string {
  return `${result.passed} passed, ${result.failed} failed`;
}

/** A stage passes only when it ran something and nothing failed. */
export function stagePassed(result: StageResult): boolean {
  return result.failed === 0 && result.passed > 0;
}
