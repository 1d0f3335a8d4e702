// Text that VS Code shows in notifications, the status bar and quick picks is not plain: a
// notification turns `[label](command:…)` into a link that runs the command with its arguments, and
// the status bar and quick picks turn `$(name)` into icons. Text that may carry a provider's, a
// model's or a URL's words goes through here first. Linear: one pass of fixed-width replacements.

const MAX_CHARS = 600;

/** `text` with link and icon syntax broken up, shortened to what a notification can show. */
export function inertText(text: string): string {
  const short = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
  // A space between `]` and `(` stops the link syntax; a zero-width space after `$` stops an icon.
  return short.replace(/\]\s*\(/g, '] (').replace(/\$\(/g, '$\u200b(');
}
