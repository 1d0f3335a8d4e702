// The packaged extension the VS Code benches install: CHORUS_VSIX when given, else packaged now
// from this checkout (as the end-to-end stage does).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';
import { prepareTestMachine } from '../harness/prepare';

export function ensurePackagedVsix(): string {
  prepareTestMachine();
  if (process.env.CHORUS_VSIX) return process.env.CHORUS_VSIX;
  const packaged = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (packaged.status !== 0) throw new Error('npm run package failed');
  const vsix = path.join(repoRoot, 'chorus.vsix');
  process.env.CHORUS_VSIX = vsix;
  return vsix;
}
