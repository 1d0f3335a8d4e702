// The rewrite instructions a user typed recently, newest first, offered again by the instruction prompt.
// No `vscode` import: unit-tested in plain Node.

export const MAX_REMEMBERED_INSTRUCTIONS = 10;

/** The list with `instruction` in front: trimmed, an earlier copy (same text) removed, at most `max` kept. */
export function rememberInstruction(recent: readonly string[], instruction: string, max = MAX_REMEMBERED_INSTRUCTIONS): string[] {
  const text = instruction.trim();
  if (!text) return [...recent].slice(0, max);
  return [text, ...recent.filter((r) => r !== text)].slice(0, max);
}

/** A stored value read back defensively (a Memento may hold anything). */
export function parseInstructions(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string' && s.trim() !== '').slice(0, MAX_REMEMBERED_INSTRUCTIONS) : [];
}
