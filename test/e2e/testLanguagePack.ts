import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';

/**
 * Packages test/e2e/languagePack (a language pack that translates nothing, but makes zh-cn a
 * display language VS Code accepts) as a .vsix, once per run. The real Chinese pack comes from the
 * Marketplace, which these machines cannot reach; without a pack, `--locale zh-cn` falls back to English.
 */
let packaged: string | undefined;

export function languagePackVsix(): string {
  if (packaged) return packaged;
  // Staged under out/ (replaced on each run), so no run leaves a folder behind in the temporary directory.
  const staging = path.join(repoRoot, 'out', 'test-language-pack');
  fs.rmSync(staging, { recursive: true, force: true });
  fs.cpSync(path.join(repoRoot, 'test', 'e2e', 'languagePack'), staging, { recursive: true });
  const out = path.join(staging, 'language-pack.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: staging, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`packaging the test language pack failed:\n${result.stdout}\n${result.stderr}`);
  packaged = out;
  return out;
}

/**
 * Registers the installed test language pack the way VS Code's language-pack service does when a
 * pack is installed into a running server (a command-line install skips that step): it writes
 * `languagepacks.json` into the user data folder, which the server reads for the display language.
 */
export function registerLanguagePack(userDataDir: string, extensionsDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'e2e', 'languagePack', 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
    contributes: { localizations: Array<{ languageId: string; localizedLanguageName: string; translations: Array<{ id: string; path: string }> }> };
  };
  const id = `${manifest.publisher}.${manifest.name}`;
  const folder = path.join(extensionsDir, `${id}-${manifest.version}`);
  const packs: Record<string, unknown> = {};
  for (const localization of manifest.contributes.localizations) {
    packs[localization.languageId] = {
      hash: `${id}-${manifest.version}`,
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: Object.fromEntries(localization.translations.map((t) => [t.id, path.join(folder, t.path)])),
      label: localization.localizedLanguageName,
    };
  }
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}
