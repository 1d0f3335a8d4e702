/**
 * Words the rendered Markdown shows or announces. The host translates them (the webview has no
 * access to vscode.l10n) and passes them to `createMarkdownRenderer`; English is the default.
 */
export interface RenderStrings {
  /** Accessible name of the button group above each code block. */
  readonly codeActions: string;
  readonly copy: string;
  readonly insertAtCursor: string;
  readonly applyToSelection: string;
  readonly newFile: string;
  /** Marks a link that stands for an image the model referenced (images are never loaded). */
  readonly image: string;
  readonly taskDone: string;
  readonly taskOpen: string;
  /** Under a code block shown without highlighting because it is too long (see highlightLimits). */
  readonly highlightBlockTooLong: string;
  /** Under a code block shown without highlighting because one of its lines is too long. */
  readonly highlightLineTooLong: string;
}

export const defaultRenderStrings: RenderStrings = {
  codeActions: 'Code block actions',
  copy: 'Copy',
  insertAtCursor: 'Insert at cursor',
  applyToSelection: 'Apply to selection',
  newFile: 'New file',
  image: 'Image',
  taskDone: 'Done',
  taskOpen: 'Not done',
  highlightBlockTooLong: 'Highlighting skipped: block too long',
  highlightLineTooLong: 'Highlighting skipped: a line is too long',
};

/** Defaults for anything the host did not translate (or sent empty). */
export function resolveStrings(strings: Partial<RenderStrings> | undefined): RenderStrings {
  const resolved: Record<string, string> = { ...defaultRenderStrings };
  for (const key of Object.keys(defaultRenderStrings) as Array<keyof RenderStrings>) {
    const value = strings?.[key];
    if (typeof value === 'string' && value.trim() !== '') resolved[key] = value;
  }
  return resolved as unknown as RenderStrings;
}
