// What Chorus asks the model for explain and rewrite, in the language the answer should come in.
// No `vscode` import: unit-tested in plain Node.
import { userContent } from './chatTurns';
import type { ChatMessage } from '../providers';
import type { Attachment } from '../shared/conversation';
import { type InstructionSource, withInstructions } from './systemPrompt';

export type AnswerLanguage = 'zh-cn' | 'en';

/** `chorus.responseLanguage`: 'auto' follows VS Code's display language (Chinese for any zh locale). */
export function answerLanguage(setting: string, uiLanguage: string): AnswerLanguage {
  if (setting === 'zh-cn' || setting === 'en') return setting;
  return uiLanguage.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** What explain is about: the selection, or (with none) the function around the cursor, or its line. */
export type ExplainTarget =
  | { readonly kind: 'selection' }
  | { readonly kind: 'function'; readonly name: string }
  | { readonly kind: 'line'; readonly line: number };

/**
 * The prompt explain sends as the user's turn (shown in the chat panel). When nothing was selected it
 * says what Chorus took instead, so the user and the model both know.
 */
export function explainPrompt(target: ExplainTarget, language: AnswerLanguage): string {
  if (language === 'zh-cn') {
    const what =
      target.kind === 'selection'
        ? '请解释所选代码'
        : target.kind === 'function'
          ? `未选择代码,因此这是光标所在的函数 \`${target.name}\`。请解释它`
          : `未选择代码,因此这是光标所在的第 ${target.line} 行。请解释它`;
    return `${what}:它做什么、如何工作,并指出任何出人意料或有风险的地方。请用简体中文回答。`;
  }
  const what =
    target.kind === 'selection'
      ? 'Explain the selected code'
      : target.kind === 'function'
        ? `Nothing was selected, so this is the function \`${target.name}\` around the cursor. Explain it`
        : `Nothing was selected, so this is line ${target.line}, where the cursor is. Explain it`;
  return `${what}: what it does and how it works, and point out anything surprising or risky. Answer in English.`;
}

const REWRITE_SYSTEM: Readonly<Record<AnswerLanguage, string>> = {
  en: [
    'You rewrite code in the user\'s editor. You get the selected code, a few lines around it for context, and an instruction.',
    'Reply with the complete replacement for the selected code only, in one fenced code block, with nothing before or after it.',
    'Do not repeat the context lines. Keep the language, indentation and style of the selection unless the instruction asks otherwise.',
    'Write any comments you add in English.',
  ].join(' '),
  'zh-cn': [
    'You rewrite code in the user\'s editor. You get the selected code, a few lines around it for context, and an instruction.',
    'Reply with the complete replacement for the selected code only, in one fenced code block, with nothing before or after it.',
    'Do not repeat the context lines. Keep the language, indentation and style of the selection unless the instruction asks otherwise.',
    'Write any comments you add in Simplified Chinese (简体中文).',
  ].join(' '),
};

/**
 * The messages of a rewrite request: the rules (and the user's instructions after them), then the
 * code (formatted as the chat formats attachments) and the instruction.
 */
export function rewriteMessages(
  code: Extract<Attachment, { kind: 'code' }>,
  instruction: string,
  language: AnswerLanguage,
  instructions: readonly InstructionSource[] = [],
): ChatMessage[] {
  const ask = `Rewrite the selected code (only the code in the first block). Instruction: ${instruction.trim()}`;
  return [
    { role: 'system', content: withInstructions(REWRITE_SYSTEM[language], instructions) },
    { role: 'user', content: userContent(ask, [code]) },
  ];
}
