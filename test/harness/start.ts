// `npm start`: a real VS Code (code-server) on 127.0.0.1 with this working copy of Chorus installed
// and the repository open. Rebuild with `npm run watch` and reload the window to see changes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer, vscodeVersion } from './codeServer';
import { ensureCodeServer } from './codeServerInstall';
import { say } from './log';
import { cacheDir, repoRoot } from './paths';
import { ensureSystemPackages } from './systemPackages';

async function main(): Promise<void> {
  ensureSystemPackages();
  ensureCodeServer();
  const stateDir = path.join(cacheDir, 'start');
  const extensionsDir = path.join(stateDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  linkExtension(extensionsDir);
  const requested = Number(process.env.CHORUS_PORT ?? 8080);
  const server = await startCodeServer({ folder: repoRoot, extensionsDir, stateDir, port: await usablePort(requested) });
  say(`VS Code ${vscodeVersion()} with Chorus is running.`);
  say(`Open ${server.url}/?folder=${encodeURIComponent(repoRoot)} in your browser (Ctrl+C stops it).`);
  const stop = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Installs this working copy as an extension by linking it, so a rebuild and a window reload pick up changes. */
function linkExtension(extensionsDir: string): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  for (const entry of fs.readdirSync(extensionsDir)) {
    if (entry.startsWith(`${pkg.publisher}.${pkg.name}-`)) fs.rmSync(path.join(extensionsDir, entry), { recursive: true, force: true });
  }
  // VS Code caches the list of installed extensions; drop it so the link is found.
  fs.rmSync(path.join(extensionsDir, 'extensions.json'), { force: true });
  fs.symlinkSync(repoRoot, path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
}

async function usablePort(requested: number): Promise<number | undefined> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => {
      say(`port ${requested} is busy; using a free one (set CHORUS_PORT to choose)`);
      resolve(undefined);
    });
    probe.listen(requested, '127.0.0.1', () => probe.close(() => resolve(requested)));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`[chorus] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
