import * as vscode from 'vscode';

// Writing `chorus.endpoints`: an entry changes in the settings layer it came from (the user's, or the
// workspace's when it is defined there), and other entries are kept exactly as written.

type Entry = Record<string, unknown>;

function layers(): { readonly user: Entry[]; readonly workspace: Entry[] | undefined; readonly folder: Entry[] | undefined } {
  const inspected = vscode.workspace.getConfiguration('chorus').inspect<unknown>('endpoints');
  const list = (value: unknown): Entry[] | undefined => (Array.isArray(value) ? (value as Entry[]) : undefined);
  return { user: list(inspected?.globalValue) ?? [], workspace: list(inspected?.workspaceValue), folder: list(inspected?.workspaceFolderValue) };
}

/** Sets one field of endpoint `id` where it is defined (user settings first). */
export async function saveEndpointField(id: string, field: string, value: unknown): Promise<void> {
  const { user, workspace, folder } = layers();
  const config = vscode.workspace.getConfiguration('chorus');
  const change = (list: Entry[]): Entry[] => list.map((entry) => (entry?.id === id ? { ...entry, [field]: value } : entry));
  if (user.some((e) => e?.id === id)) await config.update('endpoints', change(user), vscode.ConfigurationTarget.Global);
  else if (folder?.some((e) => e?.id === id)) await config.update('endpoints', change(folder), vscode.ConfigurationTarget.WorkspaceFolder);
  else if (workspace?.some((e) => e?.id === id)) await config.update('endpoints', change(workspace), vscode.ConfigurationTarget.Workspace);
}

/** Adds an endpoint to the user's settings. */
export async function addEndpointEntry(entry: Entry): Promise<void> {
  const { user } = layers();
  await vscode.workspace.getConfiguration('chorus').update('endpoints', [...user, entry], vscode.ConfigurationTarget.Global);
}

/** An id no provider or endpoint has yet: the preset's id, else with -2, -3… */
export function freeEndpointId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}
