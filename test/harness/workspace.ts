import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './paths';

/** A fresh copy of the sample workspace, so tests that edit files never touch the repository. */
export function copySampleWorkspace(): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-workspace-'));
  fs.cpSync(path.join(repoRoot, 'test', 'workspace'), target, { recursive: true });
  return target;
}
