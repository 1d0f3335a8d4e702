// A diff fitted to what may be sent for a commit message: a `--stat`-like list of every file, then
// each file's hunks, trimmed evenly when they do not all fit. No `vscode` import: unit-tested.

/** One file's part of a unified diff (`git diff` output). */
interface FileDiff {
  readonly path: string;
  readonly added: number;
  readonly removed: number;
  readonly text: string;
}

/** Splits `git diff` output at each `diff --git` header. */
export function splitDiff(diff: string): FileDiff[] {
  const parts = diff.split(/^(?=diff --git )/m).filter((p) => p.trim() !== '');
  return parts.map((text) => {
    const header = /^diff --git a\/(.*?) b\/(.*)$/m.exec(text);
    const path = header?.[2] ?? text.split('\n', 1)[0]!;
    let added = 0;
    let removed = 0;
    for (const line of text.split('\n')) {
      if (line.startsWith('+') && !line.startsWith('+++')) added++;
      else if (line.startsWith('-') && !line.startsWith('---')) removed++;
    }
    return { path, added, removed, text: text.replace(/\n+$/, '') };
  });
}

function statLine(f: FileDiff): string {
  return ` ${f.path} | +${f.added} -${f.removed}`;
}

/** `text` cut at a line boundary to at most `max` characters, saying how many lines were left out. */
function trimTo(text: string, max: number): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    // Room is kept for the note saying what was left out.
    if (size + line.length + 1 > max - 60) break;
    kept.push(line);
    size += line.length + 1;
  }
  return `${kept.join('\n')}\n[… ${lines.length - kept.length} more lines of this file left out]`;
}

/**
 * The diff as sent: the stat of every file first (so the model sees the whole change), then the
 * hunks. When they do not fit in `budget` characters, each file gets an even share of what is left,
 * and a file that needs less leaves the rest to the files after it.
 */
export function fitDiff(diff: string, budget: number): string {
  const files = splitDiff(diff);
  const total = files.reduce((n, f) => n + f.text.length + 1, 0);
  let stat = `${files.length} file(s) changed:\n${files.map(statLine).join('\n')}`;
  if (stat.length > budget) {
    const shown = stat.slice(0, Math.max(0, budget - 60)).replace(/\n[^\n]*$/, '');
    const listed = shown.split('\n').length - 1;
    return `${shown}\n[… ${files.length - listed} more files left out]`;
  }
  if (stat.length + 2 + total <= budget) return `${stat}\n\n${files.map((f) => f.text).join('\n')}`;
  stat += '\n\n(Some hunks are trimmed to fit.)';
  let left = budget - stat.length - 2;
  const shown: string[] = [];
  files.forEach((f, i) => {
    const share = Math.floor(left / (files.length - i)) - 1;
    const text = share >= 80 ? trimTo(f.text, share) : f.text.split('\n', 1)[0]!;
    if (text.length + 1 > left) return;
    shown.push(text);
    left -= text.length + 1;
  });
  return `${stat}\n\n${shown.join('\n')}`;
}
