/** What the toolbar of a code block offers; the value is the button's `data-action`. */
export type CodeAction = 'copy' | 'insert' | 'apply' | 'newFile';

export const codeActions: readonly CodeAction[] = ['copy', 'insert', 'apply', 'newFile'];

export function isCodeAction(value: string | undefined): value is CodeAction {
  return (codeActions as readonly string[]).includes(value ?? '');
}
