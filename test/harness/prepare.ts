import { ensureCodeServer } from './codeServerInstall';
import { ensureSystemPackages } from './systemPackages';

/** Everything the VS Code tests need on this machine, installed once and cached. */
export function prepareTestMachine(): void {
  ensureSystemPackages();
  ensureCodeServer();
}
