// The prompts of the built-in slash commands, in the language the answer should come in. A prompt
// file of the same name replaces one (see slashCommands.ts). No `vscode` import.
import type { AnswerLanguage } from './selectionPrompts';

export const BUILT_IN_COMMANDS = ['explain', 'fix', 'tests', 'doc', 'review'] as const;
export type BuiltInCommand = (typeof BUILT_IN_COMMANDS)[number];

const EN: Readonly<Record<BuiltInCommand, string>> = {
  explain: 'Explain the following code: what it does and how it works, and point out anything surprising or risky. Answer in English.\n\n${selection}',
  fix: 'Find the bugs in the following code and fix them. Say briefly what was wrong, then give the corrected code in one fenced code block. Answer in English.\n\n${selection}',
  tests:
    'Write unit tests for the following code. Use the test framework the project already uses if the code shows it. Cover the usual cases, the edge cases and the errors. Answer in English.\n\n${selection}',
  doc: 'Write documentation comments for the following code in the usual style of its language (JSDoc, docstrings, …). Give back the code with the comments added, in one fenced code block. Write the comments in English.\n\n${selection}',
  review:
    'Review the following code as a careful colleague would: correctness, edge cases, security, performance and readability. List concrete findings, most important first, each with a suggested change. Answer in English.\n\n${selection}',
};

const ZH: Readonly<Record<BuiltInCommand, string>> = {
  explain: '请解释以下代码:它做什么、如何工作,并指出任何出人意料或有风险的地方。请用简体中文回答。\n\n${selection}',
  fix: '请找出以下代码中的错误并修复。先简要说明问题所在,再在一个代码块中给出修正后的代码。请用简体中文回答。\n\n${selection}',
  tests: '请为以下代码编写单元测试。如果代码能看出项目已在使用的测试框架,请使用它。覆盖常规情况、边界情况和错误情况。请用简体中文回答。\n\n${selection}',
  doc: '请按该语言的惯用风格(JSDoc、docstring 等)为以下代码编写文档注释。在一个代码块中给出加上注释后的代码。注释请用简体中文书写。\n\n${selection}',
  review: '请像一位细心的同事那样审查以下代码:正确性、边界情况、安全、性能和可读性。列出具体的发现,最重要的在前,每条附上修改建议。请用简体中文回答。\n\n${selection}',
};

export function builtInPrompt(name: BuiltInCommand, language: AnswerLanguage): string {
  return (language === 'zh-cn' ? ZH : EN)[name];
}
