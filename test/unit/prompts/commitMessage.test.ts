import * as assert from 'node:assert/strict';
import { fitDiff, splitDiff } from '../../../src/prompts/commitDiff';
import { cleanCommitMessage, commitMessages, commitSystemPrompt, streamingCommitMessage } from '../../../src/prompts/commitPrompt';

/** A `git diff` section for `path` with `added` added lines of `width` characters. */
function fileDiff(path: string, added: number, width = 40): string {
  const lines = Array.from({ length: added }, (_, i) => `+${`${path} line ${i}`.padEnd(width, '.')}`);
  return [`diff --git a/${path} b/${path}`, 'index 1111111..2222222 100644', `--- a/${path}`, `+++ b/${path}`, `@@ -1,1 +1,${added + 1} @@`, ' context', '-old line', ...lines, ''].join('\n');
}

describe('commit diff fitting', () => {
  it('splits a diff by file and counts added and removed lines', () => {
    const files = splitDiff(fileDiff('src/a.ts', 3) + fileDiff('b.md', 1));
    assert.deepEqual(files.map((f) => [f.path, f.added, f.removed]), [['src/a.ts', 3, 1], ['b.md', 1, 1]]);
  });

  it('sends a diff that fits whole, after the stat', () => {
    const diff = fileDiff('a.ts', 2) + fileDiff('b.ts', 2);
    const fitted = fitDiff(diff, 10_000);
    assert.match(fitted, /^2 file\(s\) changed:\n a\.ts \| \+2 -1\n b\.ts \| \+2 -1\n\ndiff --git a\/a\.ts/);
    assert.ok(fitted.endsWith(diff.trimEnd()), 'every hunk is there');
    assert.doesNotMatch(fitted, /trimmed/);
  });

  it('a large diff stays within the budget, lists every file and trims each evenly', () => {
    const diff = fileDiff('big.ts', 2_000) + fileDiff('small.ts', 3) + fileDiff('other.ts', 500);
    for (const budget of [1_000, 4_800, 24_000]) {
      const fitted = fitDiff(diff, budget);
      assert.ok(fitted.length <= budget, `${fitted.length} <= ${budget}`);
      assert.match(fitted, / big\.ts \| \+2000 -1\n small\.ts \| \+3 -1\n other\.ts \| \+500 -1/);
      assert.match(fitted, /Some hunks are trimmed to fit/);
      assert.match(fitted, /more lines of this file left out/);
      assert.ok(fitted.includes('+small.ts line 2'), 'a small file is sent whole');
      assert.ok(fitted.includes('diff --git a/other.ts'), 'a file after a big one still gets its share');
    }
  });

  it('with more files than the budget can list, lists what fits and says how many are left', () => {
    const diff = Array.from({ length: 500 }, (_, i) => fileDiff(`file${i}.ts`, 1)).join('');
    const fitted = fitDiff(diff, 2_000);
    assert.ok(fitted.length <= 2_000);
    assert.match(fitted, /^500 file\(s\) changed:\n file0\.ts/);
    const listed = fitted.split('\n').filter((l) => l.startsWith(' file')).length;
    assert.match(fitted, new RegExp(`\\[… ${500 - listed} more files left out\\]$`));
  });
});

describe('commit message prompt', () => {
  it('asks for the style and the language, with instructions after the rules', () => {
    assert.match(commitSystemPrompt('conventional', 'en'), /Conventional Commits.*Write the message in English\./);
    assert.doesNotMatch(commitSystemPrompt('plain', 'en'), /Conventional/);
    assert.match(commitSystemPrompt('plain', 'zh-cn'), /Simplified Chinese/);
    assert.match(commitSystemPrompt('plain', 'en', [{ name: 'AGENTS.md', text: 'Mention the ticket.' }]), /no code fence.*\n\nFollow these instructions[\s\S]*Mention the ticket\./);
  });

  it('sends the diff and names untracked files', () => {
    const [system, user] = commitMessages('RULES', 'the diff', ['new.ts']);
    assert.deepEqual(system, { role: 'system', content: 'RULES' });
    assert.match(String(user!.content), /the diff\n\nNew files not yet tracked by git \(their content is not shown\):\n new\.ts$/);
    assert.doesNotMatch(String(commitMessages('R', 'd')[1]!.content), /untracked|New files/);
  });

  it('takes off a fence around the whole answer, and hides it while streaming', () => {
    assert.equal(cleanCommitMessage('feat: add x\n\nBody.'), 'feat: add x\n\nBody.');
    assert.equal(cleanCommitMessage('```text\nfeat: add x\n\nBody.\n```\n'), 'feat: add x\n\nBody.');
    assert.equal(cleanCommitMessage('Here:\n```\nfeat: x\n```'), 'Here:\n```\nfeat: x\n```', 'a fence inside the text stays');
    assert.equal(streamingCommitMessage('```'), '');
    assert.equal(streamingCommitMessage('```text\nfeat: add'), 'feat: add');
    assert.equal(streamingCommitMessage('```text\nfeat: add x\n``'), 'feat: add x');
    assert.equal(streamingCommitMessage('fix: y'), 'fix: y');
  });
});
