import * as assert from 'node:assert/strict';
import { BUILT_IN_COMMANDS, builtInPrompt } from '../../../src/prompts/builtInCommands';
import { parseFrontMatter } from '../../../src/prompts/frontMatter';
import {
  MAX_DESCRIPTION,
  MAX_EXPANDED_PROMPT,
  commandFromFile,
  commandNameOf,
  expandPrompt,
  mergeCommands,
  missingNote,
  parseCommandLine,
  type SlashCommand,
} from '../../../src/prompts/slashCommands';

describe('prompt files: front matter', () => {
  it('reads key: value lines between --- lines, unquoting values, and keeps the rest as the body', () => {
    const parsed = parseFrontMatter('---\ndescription: "Fix the tests"\nModel: x: y\n---\nDo it.\n${input}\n');
    assert.equal(parsed.attributes.get('description'), 'Fix the tests');
    assert.equal(parsed.attributes.get('model'), 'x: y', 'keys are lower case, a value may hold a colon');
    assert.equal(parsed.body, 'Do it.\n${input}\n');
  });

  it('takes CRLF line endings and a byte-order mark', () => {
    const parsed = parseFrontMatter('\uFEFF---\r\ndescription: Windows\r\n---\r\nBody');
    assert.equal(parsed.attributes.get('description'), 'Windows');
    assert.equal(parsed.body, 'Body');
  });

  it('treats a file without a closing --- (or without front matter) as all prompt', () => {
    assert.equal(parseFrontMatter('---\ndescription: never closed\nbody').body, '---\ndescription: never closed\nbody');
    assert.equal(parseFrontMatter('---\ndescription: never closed\nbody').attributes.size, 0);
    assert.equal(parseFrontMatter('Just a prompt').body, 'Just a prompt');
  });

  it('ignores lines that are not key: value, and does not treat __proto__ specially', () => {
    const parsed = parseFrontMatter('---\n- a list item\n__proto__: polluted\n  description:  spaced  \n---\n');
    assert.equal(parsed.attributes.get('description'), 'spaced');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(parsed.attributes.has('- a list item'), false);
  });

  it('is linear on a huge hostile file', () => {
    const text = `---\n${'description: x\n'.repeat(200_000)}${'a'.repeat(1_000_000)}`;
    const start = Date.now();
    parseFrontMatter(text);
    assert.ok(Date.now() - start < 2_000, `took ${Date.now() - start} ms`);
  });
});

describe('prompt files: names and commands', () => {
  it('makes a command of lower-case letters, digits and dashes only', () => {
    assert.equal(commandNameOf('fix-tests.md'), 'fix-tests');
    assert.equal(commandNameOf('v2.md'), 'v2');
    for (const bad of ['Fix.md', 'fix tests.md', 'fix_tests.md', 'fix.txt', '.md', 'fix.md.bak', '../x.md', '修复.md', `${'a'.repeat(65)}.md`]) {
      assert.equal(commandNameOf(bad), undefined, bad);
    }
  });

  it('takes the description from the front matter, on one line and shortened', () => {
    const command = commandFromFile('x', `---\ndescription: ${'long '.repeat(100)}\n---\n  Prompt  \n`, 'workspace');
    assert.equal(command.template, 'Prompt');
    assert.ok(command.description.length <= MAX_DESCRIPTION && command.description.endsWith('…'));
    assert.equal(commandFromFile('y', 'No front matter', 'user').description, '');
  });

  it('lets a prompt file replace a built-in of the same name, and the user\'s replace the workspace\'s', () => {
    const built: SlashCommand[] = BUILT_IN_COMMANDS.map((name) => ({ name, description: name, template: builtInPrompt(name, 'en'), source: 'builtIn' }));
    const workspace: SlashCommand[] = [commandFromFile('fix', 'team fix', 'workspace'), commandFromFile('deploy', 'team deploy', 'workspace')];
    const user: SlashCommand[] = [commandFromFile('deploy', 'my deploy', 'user')];
    const merged = mergeCommands(built, workspace, user);
    assert.deepEqual(merged.map((c) => c.name), ['deploy', 'doc', 'explain', 'fix', 'review', 'tests']);
    assert.equal(merged.find((c) => c.name === 'fix')!.template, 'team fix');
    assert.equal(merged.find((c) => c.name === 'deploy')!.source, 'user');
  });

  it('has every built-in in English and Simplified Chinese, each using the selection', () => {
    for (const name of BUILT_IN_COMMANDS) {
      assert.match(builtInPrompt(name, 'en'), /English/);
      assert.match(builtInPrompt(name, 'zh-cn'), /简体中文/);
      for (const language of ['en', 'zh-cn'] as const) assert.ok(builtInPrompt(name, language).includes('${selection}'), `${name} ${language}`);
    }
  });

  it('reads /name and the rest of the line from the composer text', () => {
    assert.deepEqual(parseCommandLine('/fix  the off-by-one\nplease '), { name: 'fix', input: 'the off-by-one\nplease' });
    assert.deepEqual(parseCommandLine('/review'), { name: 'review', input: '' });
    assert.equal(parseCommandLine('fix /this'), undefined);
    assert.equal(parseCommandLine('/Fix it'), undefined);
    assert.equal(parseCommandLine('/path/to/file'), undefined, 'a path is not a command');
  });
});

describe('prompt files: placeholders', () => {
  const values = { selection: 'SELECTED', file: 'WHOLE FILE' };
  const fill = (asked: string[] = []) => (p: 'selection' | 'file'): string => (asked.push(p), values[p]);

  it('fills ${selection}, ${file} and ${input}, asking for each value once and only if used', () => {
    const asked: string[] = [];
    const out = expandPrompt('A ${selection} B ${input} C ${selection} ${unknown}', 'more', fill(asked), 'en');
    assert.equal(out, 'A SELECTED B more C SELECTED ${unknown}');
    assert.deepEqual(asked, ['selection']);
  });

  it('puts the input at the end when the prompt has no ${input}', () => {
    assert.equal(expandPrompt('Review ${file}', 'focus on errors', fill(), 'en'), 'Review WHOLE FILE\n\nfocus on errors');
    assert.equal(expandPrompt('Review ${file}', '', fill(), 'en'), 'Review WHOLE FILE');
  });

  it('never expands placeholders the user typed, or that the code contains', () => {
    const out = expandPrompt('Do: ${input}\n${selection}', 'leak ${selection} and ${file}', () => 'code with ${input} in it', 'en');
    assert.equal(out, 'Do: leak ${selection} and ${file}\ncode with ${input} in it');
  });

  it('stops filling once the prompt is too long, saying so, in linear time', () => {
    const big = 'x'.repeat(300_000);
    const template = '${file}'.repeat(10_000);
    const start = Date.now();
    const out = expandPrompt(template, 'tail', () => big, 'en');
    assert.ok(Date.now() - start < 2_000);
    assert.ok(out.length <= MAX_EXPANDED_PROMPT, `length ${out.length}`);
    assert.equal(out.match(/Left out here: the prompt is already too long/g)?.length, 1, 'said once');
    assert.ok(out.endsWith('\n\ntail'), 'the short input still fits');
  });

  it('says in the answer language why a placeholder has nothing in it', () => {
    assert.equal(missingNote('selection', 'noEditor', 'en'), '(Here would be the selected code, but no editor is open.)');
    assert.match(missingNote('selection', 'empty', 'en'), /nothing is selected/);
    assert.match(missingNote('file', 'tooLarge', 'en', 300_000, 200_000), /300000 characters; the limit is 200000/);
    assert.match(missingNote('file', 'noEditor', 'zh-cn'), /当前文件.*没有打开的编辑器/);
  });
});
