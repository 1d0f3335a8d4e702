import Mocha from 'mocha';
import { say } from './log';
import { formatResult, type StageResult, watchFailures } from './result';

export interface MochaStage {
  readonly stage: string;
  /** What the report calls the suite, e.g. "end-to-end tests". */
  readonly title: string;
  /** The VS Code version the files drive. */
  readonly vscode: string;
  readonly files: readonly string[];
}

/** Runs test files that drive a VS Code through the browser (in this process, not in VS Code). */
export function runMochaFiles(stage: MochaStage): Promise<StageResult> {
  say(`${stage.title} in VS Code ${stage.vscode} (code-server) through Chromium`);
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec' });
  for (const file of stage.files) mocha.addFile(file);
  return new Promise((resolve) => {
    const runner = mocha.run((failed) => {
      const result: StageResult = { stage: stage.stage, passed: runner.stats?.passes ?? 0, failed, failures, vscode: stage.vscode };
      say(`${stage.title} in VS Code ${stage.vscode}: ${formatResult(result)}`);
      resolve(result);
    });
    const failures = watchFailures(runner);
  });
}
