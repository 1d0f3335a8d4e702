import * as path from 'node:path';

/** The repository root (this file compiles to out/test/harness/paths.js). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Git-ignored folder for the test VS Code and other downloads the harness caches between runs. */
export const cacheDir = process.env.CHORUS_TEST_CACHE ?? path.join(repoRoot, '.vscode-test');
