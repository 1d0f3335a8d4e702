import { ensureCodeServer } from './codeServerInstall';
import { type CodeServerVersion, defaultCodeServerVersion } from './codeServerVersions';
import { ensureSystemPackages } from './systemPackages';

/** Everything the VS Code tests need on this machine for one code-server release, installed once and cached. */
export function prepareTestMachine(version: CodeServerVersion = defaultCodeServerVersion): void {
  ensureSystemPackages();
  ensureCodeServer(version);
}
