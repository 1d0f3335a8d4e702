// Slash commands: which names a prompt file may have, which command a composer line runs, and how a
// prompt's placeholders are filled in. No `vscode` import: the host reads the files and the editor.
import { parseFrontMatter } from './frontMatter';
import type { AnswerLanguage } from './selectionPrompts';

export type CommandSource = 'builtIn' | 'workspace' | 'user';

export interface SlashCommand {
  readonly name: string;
  readonly description: string;
  /** The prompt, with `${selection}`, `${file}` and `${input}` still in it. */
  readonly template: string;
  readonly source: CommandSource;
}

export const MAX_COMMAND_NAME = 64;
/** Longest description shown in the picker (characters). */
export const MAX_DESCRIPTION = 200;
/** A prompt is never expanded past this many characters: later placeholders get a note instead. */
export const MAX_EXPANDED_PROMPT = 1_000_000;

const NAME = /^[a-z0-9-]+$/;

/** The command name of a prompt file (`fix-tests.md` → `fix-tests`), or undefined for any other name. */
export function commandNameOf(fileName: string): string | undefined {
  if (!fileName.endsWith('.md')) return undefined;
  const name = fileName.slice(0, -3);
  return name.length <= MAX_COMMAND_NAME && NAME.test(name) ? name : undefined;
}

/** A prompt file as a command: its description from the front matter (one line, shortened), its body as the prompt. */
export function commandFromFile(name: string, text: string, source: CommandSource): SlashCommand {
  const { attributes, body } = parseFrontMatter(text);
  const line = (attributes.get('description') ?? '').replace(/\s+/g, ' ').trim();
  const description = line.length > MAX_DESCRIPTION ? `${line.slice(0, MAX_DESCRIPTION - 1)}…` : line;
  return { name, description, template: body.trim(), source };
}

/**
 * The commands by name, later lists replacing earlier ones of the same name (built-ins, then the
 * workspace's files, then the user's own), sorted by name.
 */
export function mergeCommands(...lists: ReadonlyArray<readonly SlashCommand[]>): SlashCommand[] {
  const byName = new Map<string, SlashCommand>();
  for (const list of lists) for (const command of list) byName.set(command.name, command);
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `/name rest…` → the name and the rest (trimmed); undefined when the text does not start with a command name. */
export function parseCommandLine(text: string): { name: string; input: string } | undefined {
  const match = /^\/([a-z0-9-]+)(?:\s+([\s\S]*))?$/.exec(text.trimStart());
  if (!match || match[1]!.length > MAX_COMMAND_NAME) return undefined;
  return { name: match[1]!, input: (match[2] ?? '').trim() };
}

export type Placeholder = 'selection' | 'file';

/**
 * Fills `${selection}`, `${file}` and `${input}` in one pass, so text put in (the user's input, the
 * code) is never scanned for placeholders again. `fill` gives the text of `${selection}` and
 * `${file}` (asked once each, only if used). Without an `${input}` in the prompt, the input goes at
 * its end.
 */
export function expandPrompt(template: string, input: string, fill: (placeholder: Placeholder) => string, language: AnswerLanguage): string {
  const filled = new Map<Placeholder, string>();
  let length = template.length;
  let usedInput = false;
  let cut = false;
  const expanded = template.replace(/\$\{(selection|file|input)\}/g, (_match, name: Placeholder | 'input') => {
    if (name === 'input') usedInput = true;
    let value = name === 'input' ? input : filled.get(name);
    if (value === undefined) {
      value = fill(name as Placeholder);
      filled.set(name as Placeholder, value);
    }
    if (length + value.length > MAX_EXPANDED_PROMPT) {
      // Said once: a prompt with thousands of placeholders does not grow by a note for each.
      if (cut) return '';
      cut = true;
      return tooLongNote(language);
    }
    length += value.length;
    return value;
  });
  if (usedInput || !input) return expanded;
  if (length + input.length <= MAX_EXPANDED_PROMPT) return `${expanded}\n\n${input}`;
  return cut ? expanded : `${expanded}\n\n${tooLongNote(language)}`;
}

function tooLongNote(language: AnswerLanguage): string {
  return language === 'zh-cn' ? '(此处内容已省略:提示已经太长。)' : '(Left out here: the prompt is already too long.)';
}

/** What stands in for `${selection}` or `${file}` when there is nothing to put there, so the model (and the user) knows. */
export function missingNote(placeholder: Placeholder, reason: 'noEditor' | 'empty' | 'tooLarge', language: AnswerLanguage, chars = 0, limit = 0): string {
  const zh = language === 'zh-cn';
  const selection = placeholder === 'selection';
  const what = selection ? (zh ? '选中的代码' : 'the selected code') : zh ? '当前文件' : 'the current file';
  let why: string;
  if (reason === 'noEditor') why = zh ? '没有打开的编辑器' : 'no editor is open';
  else if (reason === 'empty') why = selection ? (zh ? '编辑器中没有选中任何内容' : 'nothing is selected in the editor') : zh ? '文件是空的' : 'the file is empty';
  else why = zh ? `它太大了(${chars} 个字符,上限为 ${limit})` : `it is too large (${chars} characters; the limit is ${limit})`;
  return zh ? `(此处本应是${what},但${why}。)` : `(Here would be ${what}, but ${why}.)`;
}
