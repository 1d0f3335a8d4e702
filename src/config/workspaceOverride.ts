// Which value of a destination setting applies when a workspace's settings differ from the user's.
// A workspace is not the user: a cloned repository can carry `.vscode/settings.json` that points
// Chorus at a server of its choosing, key or not. No `vscode` import: unit-tested in plain Node.

import { scopeOf } from '../shared/hostScope';

export type Decision = 'allow' | 'refuse';

/** What `inspect()` says of one setting, reduced to what matters here. */
export interface SettingLayers {
  /** The user's value, or the default. */
  readonly own: unknown;
  /** The workspace folder's or workspace's value, if any. */
  readonly workspace: unknown;
}

export type Override =
  /** No workspace value, or the same as the user's: nothing to decide. */
  | { readonly state: 'none'; readonly value: unknown }
  /** The user has not decided yet: the user's own value applies until they do. */
  | { readonly state: 'pending'; readonly value: unknown; readonly proposed: string }
  | { readonly state: 'allowed'; readonly value: unknown }
  | { readonly state: 'refused'; readonly value: unknown }
  /** Workspace values are ignored in an untrusted workspace (VS Code's restricted settings agree). */
  | { readonly state: 'untrusted'; readonly value: unknown; readonly proposed: string };

/** The key a decision is remembered under: a changed value is a new question. */
export function decisionKey(setting: string, value: string): string {
  return `${setting}=${value.trim()}`;
}

export function resolveOverride(
  setting: string,
  layers: SettingLayers,
  trusted: boolean,
  decisions: Readonly<Record<string, Decision>>,
): Override {
  const { own, workspace } = layers;
  if (typeof workspace !== 'string' || workspace.trim() === '' || workspace.trim() === String(own ?? '').trim()) return { state: 'none', value: own };
  if (!trusted) return { state: 'untrusted', value: own, proposed: workspace.trim() };
  switch (decisions[decisionKey(setting, workspace)]) {
    case 'allow':
      return { state: 'allowed', value: workspace.trim() };
    case 'refuse':
      return { state: 'refused', value: own };
    default:
      return { state: 'pending', value: own, proposed: workspace.trim() };
  }
}

/** How an address is shown in the question: scheme, host and port, always all three. */
export function describeAddress(url: string): { readonly shown: string; readonly plainHttpAway: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { shown: url.slice(0, 200), plainHttpAway: false };
  }
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '');
  const host = parsed.hostname;
  return { shown: `${parsed.protocol}//${host}${port ? `:${port}` : ''}`, plainHttpAway: parsed.protocol === 'http:' && scopeOf(host) !== 'thisComputer' };
}
