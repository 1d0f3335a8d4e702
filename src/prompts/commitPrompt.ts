// What Chorus asks the model for a commit message, and how its answer becomes one. No `vscode` import.
import type { ChatMessage } from '../providers';
import type { AnswerLanguage } from './selectionPrompts';
import { type InstructionSource, withInstructions } from './systemPrompt';

export type CommitStyle = 'conventional' | 'plain';

const STYLE: Readonly<Record<CommitStyle, string>> = {
  conventional:
    'Use the Conventional Commits format: a first line `type(scope): summary` (type is one of feat, fix, docs, style, refactor, perf, test, build, ci, chore; the scope is optional), at most 72 characters.',
  plain: 'Start with one summary line of at most 72 characters, in the imperative mood.',
};

const LANGUAGE: Readonly<Record<AnswerLanguage, string>> = {
  en: 'Write the message in English.',
  'zh-cn': 'Write the message in Simplified Chinese (简体中文); keep code names and the Conventional Commits type as they are.',
};

/** The rules of a commit message request, with the user's instructions after them. */
export function commitSystemPrompt(style: CommitStyle, language: AnswerLanguage, instructions: readonly InstructionSource[] = []): string {
  const rules = [
    'You write git commit messages from a diff.',
    STYLE[style],
    'If the change needs explaining, add a blank line and a short body saying what changed and why, wrapped at 72 characters.',
    LANGUAGE[language],
    'Reply with the commit message only: no code fence, no quotes, nothing before or after it.',
  ].join(' ');
  return withInstructions(rules, instructions);
}

/** The request's messages: the rules, then the (fitted) diff and any untracked files. */
export function commitMessages(system: string, fittedDiff: string, untracked: readonly string[] = []): ChatMessage[] {
  const extra = untracked.length ? `\n\nNew files not yet tracked by git (their content is not shown):\n${untracked.map((p) => ` ${p}`).join('\n')}` : '';
  return [
    { role: 'system', content: system },
    { role: 'user', content: `Write the commit message for this change.\n\n${fittedDiff}${extra}` },
  ];
}

/** The answer as a commit message: a fence around the whole of it (which models add anyway) is removed. */
export function cleanCommitMessage(answer: string): string {
  const fenced = /^\s*(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n?\1\s*$/.exec(answer);
  return (fenced ? fenced[2]! : answer).trim();
}

/** While the answer streams: the text so far, with an opening fence (and its language line) hidden. */
export function streamingCommitMessage(answer: string): string {
  const opening = /^\s*(`{3,}|~{3,})[^\n]*(\n|$)/.exec(answer);
  if (!opening) return answer.trimStart();
  const rest = answer.slice(opening[0].length);
  const close = rest.lastIndexOf(opening[1]!);
  return (close >= 0 && rest.slice(close).trim() === opening[1] ? rest.slice(0, close) : rest).replace(/\n`{1,}$/, '').trimEnd();
}
