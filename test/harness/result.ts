/** What one stage of the test run counted. */
export interface StageResult {
  readonly stage: string;
  readonly passed: number;
  readonly failed: number;
  /** The VS Code version the stage ran in, for stages that run one. */
  readonly vscode?: string;
}

/** The line test/integration/index.ts and test/lm/index.ts print at the end, read back by the launcher. */
export const INTEGRATION_RESULT_PREFIX = 'chorus-integration-result:';

export function formatResult(result: Pick<StageResult, 'passed' | 'failed'>): string {
  return `${result.passed} passed, ${result.failed} failed`;
}

/** A stage passes only when it ran something and nothing failed. */
export function stagePassed(result: StageResult): boolean {
  return result.failed === 0 && result.passed > 0;
}
