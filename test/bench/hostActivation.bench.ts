// Activation: the production bundles' sizes, the time to load dist/extension.js and to run
// activate() (in plain Node against a stand-in vscode module, so only Chorus's own work is timed),
// and every read activate() makes: from disk or SecretStorage there should be none, since the
// panel or a command reads what it needs when it is first used.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';
import { median, type Benchmark } from './benchmark';

const RUNS = 7;

interface Probe {
  readonly loadMs: number;
  readonly activateMs: number;
  readonly reads: readonly string[];
}

function probe(): Probe {
  const script = path.join(repoRoot, 'out', 'test', 'bench', 'activateProbe.js');
  const result = spawnSync(process.execPath, [script, path.join(repoRoot, 'dist', 'extension.js')], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`activation probe failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Probe;
}

/** Whether a read goes to disk or SecretStorage (Mementos are in memory once VS Code has started). */
const fromDiskOrSecrets = (read: string): boolean => !/^(workspaceState|globalState)\.get$/.test(read);

export const hostActivation: Benchmark = {
  name: 'activation and bundles',
  async run(print) {
    print(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((v) => v.toFixed(1)).join(' ')}`);
    const built = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: repoRoot, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`production build failed:\n${built.stderr}`);
    const sizes = ['dist/extension.js', 'dist/webview.js', 'media/chat.css', 'media/render.css'].map((file) => `${file} ${(fs.statSync(path.join(repoRoot, file)).size / 1024).toFixed(0)} KB`);
    print(`production bundles: ${sizes.join(', ')}`);
    const runs = Array.from({ length: RUNS }, probe);
    print(
      `load dist/extension.js ${median(runs.map((r) => r.loadMs)).toFixed(1)} ms, activate() ${median(runs.map((r) => r.activateMs)).toFixed(1)} ms ` +
        `(median of ${RUNS} fresh Node processes, stand-in vscode module: Chorus's own work only)`,
    );
    const reads = runs[0].reads;
    const slow = reads.filter(fromDiskOrSecrets);
    const counts = (list: readonly string[]): string => [...new Set(list)].map((read) => `${read} ×${list.filter((r) => r === read).length}`).join(', ');
    print(`reads in activate() from disk or SecretStorage: ${slow.length === 0 ? 'none' : counts(slow)} (aim none); from in-memory extension state: ${counts(reads.filter((r) => !fromDiskOrSecrets(r))) || 'none'}`);
  },
};
