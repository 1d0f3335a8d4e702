import * as vscode from 'vscode';
import { parseEndpoints, type Endpoint } from './endpoints';
import { PROVIDER_IDS, PROVIDER_NAMES, isBuiltInId, type ProviderId } from './settings';

// Every provider the user can pick: the built-ins, then the user's `chorus.endpoints`, then a trusted
// workspace's endpoints whose ids the user has not taken (sent to only once the user says yes).

/** The user's endpoints and, in a trusted workspace, the workspace's. Read afresh: settings change. */
export function endpoints(): Endpoint[] {
  const inspected = vscode.workspace.getConfiguration('chorus').inspect<unknown>('endpoints');
  const t = vscode.l10n.t as (template: string, ...args: Array<string | number>) => string;
  const own = parseEndpoints(inspected?.globalValue, { fromWorkspace: false, taken: new Set(PROVIDER_IDS), t });
  if (!vscode.workspace.isTrusted) return own;
  const taken = new Set<string>([...PROVIDER_IDS, ...own.map((e) => e.id)]);
  const workspace = parseEndpoints(inspected?.workspaceFolderValue ?? inspected?.workspaceValue, { fromWorkspace: true, taken, t });
  return [...own, ...workspace];
}

export function findEndpoint(id: ProviderId): Endpoint | undefined {
  return isBuiltInId(id) ? undefined : endpoints().find((e) => e.id === id);
}

/** Ids of every provider there is, built-ins first. */
export function providerIds(): ProviderId[] {
  return [...PROVIDER_IDS, ...endpoints().map((e) => e.id)];
}

export function isKnownProvider(id: unknown): id is ProviderId {
  return typeof id === 'string' && (isBuiltInId(id) || findEndpoint(id) !== undefined);
}

/** How pickers, the panel and messages name a provider. */
export function providerName(id: ProviderId): string {
  if (isBuiltInId(id)) return PROVIDER_NAMES[id];
  return findEndpoint(id)?.name ?? id;
}
