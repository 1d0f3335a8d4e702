// The system prompt: the user's and the workspace's instructions, and the answer language. Chat,
// explain and rewrite all send it; rewrite puts its own rules first. No `vscode` import.
import type { AnswerLanguage } from './selectionPrompts';

/** One place instructions come from: the setting or a workspace file. */
export interface InstructionSource {
  /** What the panel shows, e.g. `AGENTS.md`; the setting is named `settings`. */
  readonly name: string;
  readonly text: string;
}

const LANGUAGE_LINE: Readonly<Record<AnswerLanguage, string>> = {
  en: 'Answer in English unless the user asks for another language.',
  'zh-cn': 'Answer in Simplified Chinese (请用简体中文回答) unless the user asks for another language.',
};

/** The instructions' text, each source under its name, or undefined when there is none. */
export function instructionsText(sources: readonly InstructionSource[]): string | undefined {
  const given = sources.filter((s) => s.text.trim() !== '');
  if (given.length === 0) return undefined;
  const body = given.map((s) => (given.length === 1 ? s.text.trim() : `From ${s.name}:\n${s.text.trim()}`)).join('\n\n');
  return `Follow these instructions from the user and their project:\n\n${body}`;
}

/**
 * The chat's system prompt (explain sends its turns through the chat too). `language` is undefined
 * when `chorus.responseLanguage` is `auto`: the chat then answers in the language the user writes in.
 */
export function chatSystemPrompt(sources: readonly InstructionSource[], language: AnswerLanguage | undefined): string | undefined {
  const parts = [language ? LANGUAGE_LINE[language] : undefined, instructionsText(sources)].filter((p): p is string => p !== undefined);
  return parts.length ? parts.join('\n\n') : undefined;
}

/** A task's own rules with the instructions after them; the rules win where they conflict (the answer's format is parsed). */
export function withInstructions(rules: string, sources: readonly InstructionSource[]): string {
  const instructions = instructionsText(sources);
  if (!instructions) return rules;
  return `${rules}\n\n${instructions}\n\nWhere these instructions conflict with the reply format above, keep the reply format.`;
}
