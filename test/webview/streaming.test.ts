import * as assert from 'node:assert/strict';
import { useRenderPage } from './hooks';
import { generateAnswer, seededRandom, smallCuts } from './markdownCorpus';

/** Documents whose block boundaries depend on lines that arrive later. */
const tricky: Readonly<Record<string, string>> = {
  'setext heading after a paragraph': 'Intro line\n\nTitle\n---\n\nText after.\n\nAnother\n===\nmore\n',
  'table interrupting a paragraph': 'Some text\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText\n| x |\n|--|--|\nnot a table\n',
  'ordered list interrupting a paragraph': 'Steps:\n1. one\n2. two\n\nNot a list:\n2. two\n\nDone.\n',
  'loose list and lazy continuation': '- a\n\n- b\ncontinued lazily\n\n  indented paragraph of b\n\nafter the list\n\n> quote\nlazy quote line\n\nend\n',
  'fences with other fence markers inside': 'Text\n\n````md\n```js\nnot closed here\n```\n````\n\n~~~\n```\n~~~\n\n```\n``\n ```\n\nafter\n',
  'fence inside a list and a quote': '1. step\n\n   ```bash\n   npm test\n   ```\n\n2. next\n\n> ```py\n> print(1)\n> ```\n\ndone\n',
  'indented code after a paragraph': 'Para\n    not code (lazy)\n\n    real code\n    more\n\ntext\n',
  'unclosed fence at the end': 'Before\n\n```ts\nconst a = 1;\nconst b = 2;\n',
  'reference links defined after use': 'See [the docs][docs] and [x].\n\nMiddle paragraph.\n\n[docs]: https://example.com/docs "Docs"\n[x]: https://example.com/x\n\nUse again: [docs].\n',
  'CRLF line endings': 'Title\r\n=====\r\n\r\n- a\r\n- b\r\n\r\n```js\r\nlet x = 1;  \r\nlet y = "<&>";\r\n```\r\n\r\n| a |\r\n|---|\r\n| 1 |\r\n',
  'emoji and CJK text': '表情 😀👍🏽 in text\n\n- 第一 😀\n- 第二 👨‍👩‍👧\n\n```\n// 😀 in code\n```\n',
  'html and autolinks': '<div>raw</div>\n\n<https://example.com/a> and https://example.com/b and <javascript:alert(1)>\n',
  'thematic breaks and headings': '# One\n***\n## Two\n- - -\n### Three\n___\ntext\n',
  'a long table, then text': `Intro\n\n| n | name | note |\n|--:|:----:|------|\n${Array.from({ length: 12 }, (_, i) => `| ${i} | **r${i}** | \`a\\|b\` ${'x'.repeat(i)} |`).join('\n')}\n\nAfter.\n`,
  'a long table with ragged rows, ended by a fence': `| a | b |\n|---|---|\n${Array.from({ length: 8 }, (_, i) => (i % 3 === 0 ? `| ${i} |` : i % 3 === 1 ? `${i} | b | extra` : `| ${i} \\| ${i} |`)).join('\n')}\n\`\`\`js\nlet x;\n\`\`\`\ntext\n`,
  'a long table at the very end': `Rows:\n| k | v |\n|---|---|\n${Array.from({ length: 9 }, (_, i) => `| k${i} | [v](https://example.com/${i}) |`).join('\n')}`,
};

describe('streaming view', () => {
  const page = useRenderPage();

  describe('ends with exactly the HTML of renderStatic', () => {
    for (const [name, text] of Object.entries(tricky)) {
      it(`${name}: a frame after every 1–3 characters`, async () => {
        const cuts = smallCuts(text.length, 3, 7);
        const result = await page().call('streamAndCompare', text, cuts, cuts.map((_, i) => i));
        assert.ok(result.frames > 0);
        assert.equal(result.streamed, result.expected);
      });
    }

    it('every tricky document cut at every single offset, one frame per cut', async () => {
      for (const text of Object.values(tricky)) {
        for (let cut = 1; cut < text.length; cut++) {
          const result = await page().call('streamAndCompare', text, [cut], [0]);
          assert.equal(result.streamed, result.expected, `cut at ${cut} of ${JSON.stringify(text)}`);
        }
      }
    });

    it('a cut inside a surrogate pair (emoji) streams to the same HTML', async () => {
      const text = 'Smile 😀 and more 👍🏽\n\nnext 😀\n';
      const inside = text.indexOf('😀') + 1;
      const result = await page().call('streamAndCompare', text, [inside, inside + 5, text.lastIndexOf('😀') + 1], [0, 1, 2]);
      assert.equal(result.streamed, result.expected);
    });

    for (const seed of [1, 2, 3]) {
      it(`a generated answer (seed ${seed}) in random small deltas with random frames`, async () => {
        const text = generateAnswer({ size: 12_000, codeBlocks: 6, seed });
        const cuts = smallCuts(text.length, 12, seed);
        const random = seededRandom(seed * 31);
        const frameAfter = cuts.map((_, i) => i).filter(() => random() < 0.3);
        const result = await page().call('streamAndCompare', text, cuts, frameAfter);
        assert.ok(result.frames > 10);
        assert.equal(result.streamed, result.expected);
      });
    }

    it('a generated answer with no frame before finish()', async () => {
      const text = generateAnswer({ size: 6_000, codeBlocks: 3, seed: 9 });
      const result = await page().call('streamAndCompare', text, smallCuts(text.length, 20, 9), []);
      assert.equal(result.frames, 0);
      assert.equal(result.streamed, result.expected);
    });
  });

  it('spreads a burst of text over several frames, each parsing a bounded part, and still ends right', async () => {
    const text = generateAnswer({ size: 120_000, codeBlocks: 10, seed: 21 });
    const result = await page().call('streamInOneDelta', text);
    assert.ok(result.framesToCatchUp >= 3, `caught up in ${result.framesToCatchUp} frames`);
    assert.ok(result.firstFrameChildren > 0 && result.firstFrameChildren < result.caughtUpChildren / 2);
    assert.match(result.streamed, /^<div class="chorus-section">/, 'a long answer comes in sections');
    assert.equal(result.streamed, result.expected);
  });

  it('gives a block larger than one frame\'s share more frames until it fits', async () => {
    const code = Array.from({ length: 3000 }, (_, i) => `let value${i} = ${i}; // a line of code that is long enough`).join('\n');
    const text = `Before.\n\n\`\`\`js\n${code}\n\`\`\`\n\nAfter.\n`;
    const result = await page().call('streamInOneDelta', text);
    assert.ok(result.framesToCatchUp >= 2 && result.framesToCatchUp < 10, `caught up in ${result.framesToCatchUp} frames`);
    assert.equal(result.streamed, result.expected);
  });

  it('renders once for deltas that arrive together', async () => {
    const text = generateAnswer({ size: 3_000, codeBlocks: 1, seed: 4 });
    const result = await page().call('streamTogether', text, smallCuts(text.length, 5, 4));
    assert.equal(result.rendersBeforeFinish, 1);
    assert.ok(result.sourceMatches);
  });

  describe('cadence', () => {
    it('renders at once after a pause, then every 50 ms while more comes', async () => {
      const rendered = await page().call('cadenceRenderTimes', 500, []);
      assert.deepEqual(rendered, [0, 50, 100, 150, 200, 250, 300, 350, 400, 450, 500]);
    });

    it('after a costly render waits three times its cost before the next', async () => {
      const times = await page().call('cadenceRenderTimes', 300, [30]);
      assert.equal(times[0], 0);
      assert.equal(times[1], 90);
      // Cheap renders again: back to every 50 ms.
      assert.equal(times[2] - times[1], 50);
    });

    it('shows text coming faster than 5,000 characters a second every 150 ms, and at its usual pace again', async () => {
      // 6 characters a ms (300 in 50 ms, 900 in 150), then 2 and 4.
      const rendered = await page().call('cadenceRenderTimes', 1000, [], [0, 300, 900, 900, 300, 200]);
      const gaps = rendered.slice(1).map((time, i) => time - rendered[i]);
      assert.deepEqual(gaps.slice(0, 5), [50, 150, 150, 150, 50]);
      assert.ok(gaps.length > 6);
      assert.deepEqual(gaps.slice(5), gaps.slice(5).map(() => 50));
    });

    it('finish() right after a delta shows all the text, whatever renders the cadence had not made yet', async () => {
      const text = generateAnswer({ size: 4_000, codeBlocks: 2, seed: 5 });
      const result = await page().call('streamWithCadenceAndFinish', text, smallCuts(text.length, 40, 5));
      assert.match(result.streamed, /Last words\./);
      assert.equal(result.streamed, result.expected);
    });
  });

  it('does not replace the DOM of completed blocks while later deltas arrive', async () => {
    const p = page();
    await p.call('streamStart');
    await p.call('streamAppend', ['# Title\n\nFirst paragraph.\n\n- a\n- b\n\n```ts\nconst x = 1;\n```\n\nSecond para', 'graph is being typ']);
    assert.ok(await p.call('streamFrame'));
    assert.equal(await p.call('mark', ':scope > h1, :scope > p:first-of-type, :scope > ul, :scope > .chorus-code'), 4);
    for (const delta of ['ed.\n\n', '| a | b |\n|---|', '---|\n| 1 | 2 |\n\n', 'Last ', 'words.\n']) {
      await p.call('streamAppend', [delta]);
      await p.call('streamFrame');
      assert.deepEqual(await p.call('marksInStage'), [true, true, true, true]);
    }
    await p.call('streamFinish');
    assert.deepEqual(await p.call('marksInStage'), [true, true, true, true]);
    assert.equal((await p.call('facts')).html, await p.call('staticHtml', await p.call('streamSource')));
  });

  it('extends a long table row by row: the rows on screen stay, the row being written changes in place', async () => {
    const p = page();
    await p.call('streamStart');
    const rows = (from: number, to: number): string => Array.from({ length: to - from }, (_, i) => `| ${from + i} | row ${from + i} |\n`).join('');
    await p.call('streamAppend', [`| n | text |\n|---|---|\n${rows(0, 6)}| 6 | ro`]);
    await p.call('streamFrame');
    assert.equal(await p.call('mark', ':scope > table tbody > tr'), 7);
    for (const delta of ['w 6 |\n', rows(7, 20), '| 20 |', ' row 20 |\n\nAfter the table.\n\n', 'More.\n']) {
      await p.call('streamAppend', [delta]);
      await p.call('streamFrame');
      assert.deepEqual((await p.call('marksInStage')).slice(0, 6), [true, true, true, true, true, true], `after ${JSON.stringify(delta)}`);
    }
    assert.equal((await p.call('facts')).html.match(/<tr>/g)?.length, 22);
    await p.call('streamFinish');
    assert.equal((await p.call('facts')).html, await p.call('staticHtml', await p.call('streamSource')));
  });

  it('puts each block where it stays: nothing moves into a section when it becomes final', async () => {
    const p = page();
    await p.call('streamStart');
    const block = (i: number): string => (i % 9 === 4 ? `\`\`\`ts\nconst v${i} = ${i};\nconsole.log(v${i});\n\`\`\`\n\n` : `Paragraph ${i} with some words.\n\n`);
    let i = 0;
    // Past the first sections: the nodes before them are wrapped once when the answer grows long.
    for (; i < 40; i++) {
      await p.call('streamAppend', [block(i)]);
      await p.call('streamFrame');
    }
    await p.call('watchMoves');
    for (; i < 300; i++) {
      const text = block(i);
      // Blocks arrive in two pieces, so each is shown while still being written.
      await p.call('streamAppend', [text.slice(0, 9)]);
      await p.call('streamFrame');
      await p.call('streamAppend', [text.slice(9)]);
      await p.call('streamFrame');
    }
    await p.call('streamFinish');
    assert.deepEqual(await p.call('takeMoves'), []);
    assert.equal((await p.call('facts')).html, await p.call('staticHtml', await p.call('streamSource')));
  });

  it('shows a long table in parts of fixed, aligned columns, each skipped off screen, rows never rebuilt', async () => {
    const p = page();
    await p.call('streamStart');
    const row = (i: number): string => `| ${i} | \`item_${i}\` | ${i % 3 ? '**warm**' : 'cold'} | row ${i} of the table, with some words |\n`;
    await p.call('streamAppend', ['The table:\n\n| # | name | kind | note |\n|--:|------|:----:|------|\n']);
    for (let i = 0; i < 150; i += 10) {
      await p.call('streamAppend', [Array.from({ length: 10 }, (_, k) => row(i + k)).join('')]);
      await p.call('streamFrame');
      if (i === 0) assert.equal(await p.call('mark', 'tbody > tr'), 10, 'the first rows');
    }
    const parts = await p.call('tableParts');
    assert.equal(parts.length, 3, JSON.stringify(parts));
    assert.deepEqual(parts.map((part) => part.rows), [64, 64, 22], 'the row being written is in the last part');
    assert.deepEqual(parts.map((part) => part.head), [true, false, false]);
    assert.ok(parts[0]!.widths.length === 4 && parts[0]!.widths.every((width) => width > 0), JSON.stringify(parts[0]));
    for (const part of parts) {
      assert.deepEqual(part.widths, parts[0]!.widths);
      assert.deepEqual(part.lefts, parts[0]!.lefts, 'the columns of every part line up');
    }
    assert.deepEqual(await p.call('marksInStage'), Array.from({ length: 10 }, () => true), 'rows on screen stay when the table is split');
    await p.call('streamAppend', ['\nAfter the table.\n']);
    const streamed = await p.call('streamFinish');
    // The parts stay (one table again would cost a layout of every row at once); the text is the table's.
    assert.deepEqual((await p.call('tableParts')).map((part) => part.rows), [64, 64, 22]);
    assert.deepEqual(await p.call('marksInStage'), Array.from({ length: 10 }, () => true));
    assert.equal(streamed.text.replace(/\s+/g, ' '), (await p.call('renderStatic', await p.call('streamSource'))).text.replace(/\s+/g, ' '));
  });

  it('updates the block still being written in place, and replaces it when its kind changes', async () => {
    const p = page();
    await p.call('streamStart');
    await p.call('streamAppend', ['Done paragraph.\n\nStill typ']);
    await p.call('streamFrame');
    assert.equal(await p.call('mark', ':scope > p:last-of-type'), 1);
    await p.call('streamAppend', ['ing this one']);
    await p.call('streamFrame');
    assert.deepEqual(await p.call('marksInStage'), [true]);
    assert.match((await p.call('facts')).text, /Still typing this one/);
    // A setext underline turns the paragraph into a heading: a different element.
    await p.call('streamAppend', ['\n---']);
    await p.call('streamFrame');
    assert.deepEqual(await p.call('marksInStage'), [false]);
    assert.match((await p.call('facts')).html, /<h2>Still typing this one<\/h2>/);
    await p.call('streamFinish');
  });

  it('shows an unclosed fence as a code block in progress, then as a finished block', async () => {
    const p = page();
    await p.call('streamStart');
    await p.call('streamAppend', ['Intro\n\n```ts\nconst a = 1;\nconst b']);
    await p.call('streamFrame');
    let block = (await p.call('facts')).codeBlocks;
    assert.equal(block.length, 1);
    assert.equal(block[0].streaming, true);
    assert.equal(block[0].shownText, 'const a = 1;\nconst b');
    assert.equal(block[0].code, null);
    assert.ok(block[0].buttons.length === 4 && block[0].buttons.every((b) => b.disabled));
    await p.call('streamAppend', [' = 2;\n`', '``\n\nAfter.\n']);
    await p.call('streamFrame');
    // Closed: all of its text at once; its normal rendering comes at once or, if its code must be highlighted again, when the page is idle.
    block = (await p.call('facts')).codeBlocks;
    assert.equal(block[0].shownText.trimEnd(), 'const a = 1;\nconst b = 2;');
    await p.call('afterIdle');
    block = (await p.call('facts')).codeBlocks;
    assert.equal(block[0].streaming, false);
    assert.equal(block[0].code, 'const a = 1;\nconst b = 2;');
    assert.ok(block[0].tokenClasses.includes('hljs-keyword'));
    assert.ok(block[0].buttons.every((b) => !b.disabled));
  });

  it('a fence closed while streaming ends exactly as renderStatic shows it, when idle or at finish()', async () => {
    const p = page();
    // Comments across the chunks the streaming block highlights on their own (each at least 8 lines).
    const lines = Array.from({ length: 30 }, (_, i) => `/* a comment\n   over lines ${i} */ let v${i} = "s${i}";\n`).join('');
    const text = `Intro\n\n\`\`\`js\nlet first = 0;\n${lines}\`\`\`\n\nAfter.\n\n`;
    const middle = text.indexOf('over lines 20');
    for (const end of ['idle', 'finish']) {
      await p.call('streamStart');
      await p.call('streamAppend', [text.slice(0, middle)]);
      await p.call('streamFrame');
      await p.call('streamAppend', [text.slice(middle)]);
      await p.call('streamFrame');
      if (end === 'idle') {
        await p.call('afterIdle');
        assert.equal((await p.call('facts')).html, await p.call('staticHtml', text), 'after idle');
      }
      await p.call('streamAppend', ['Done.']);
      await p.call('streamFinish');
      assert.equal((await p.call('facts')).html, await p.call('staticHtml', `${text}Done.`), `after ${end}`);
    }
  });

  it('a fence whose chunks all end outside any token keeps its highlighted nodes when it completes', async () => {
    const p = page();
    const lines = Array.from({ length: 20 }, (_, i) => `let v${i} = "s${i}"; // line ${i}\n`).join('');
    const text = `Intro\n\n\`\`\`js\n${lines}\`\`\`\n\nAfter.\n\n`;
    await p.call('streamStart');
    await p.call('streamAppend', [text.slice(0, text.indexOf('line 18'))]);
    await p.call('streamFrame');
    await p.call('streamAppend', [text.slice(text.indexOf('line 18'))]);
    await p.call('streamFrame');
    const spans = await p.call('mark', '.chorus-code code span');
    assert.ok(spans > 40, `${spans} token spans`);
    // Completed in the frame that closed it, not later when the page is idle.
    assert.equal((await p.call('facts')).codeBlocks[0].streaming, false);
    await p.call('afterIdle');
    assert.equal((await p.call('facts')).html, await p.call('staticHtml', text));
    assert.ok((await p.call('marksInStage')).every(Boolean), 'every token span stayed');
    assert.ok((await p.call('facts')).codeBlocks[0].buttons.every((b) => !b.disabled));
  });

  it('highlights a long fence while it is still streaming', async () => {
    const p = page();
    await p.call('streamStart');
    const lines = Array.from({ length: 40 }, (_, i) => `const value${i} = compute(${i}); // line ${i}\n`);
    await p.call('streamAppend', ['```js\n']);
    for (const line of lines) {
      await p.call('streamAppend', [line]);
      await p.call('streamFrame');
    }
    const [block] = (await p.call('facts')).codeBlocks;
    assert.equal(block.streaming, true);
    assert.ok(block.tokenClasses.includes('hljs-keyword'));
    assert.equal(block.shownText, lines.join(''));
  });

  it('keeps a streaming fence\'s lines in blocks of their own, plain past the highlighting limit, and unwraps them when it closes', async () => {
    const p = page();
    await p.call('streamStart');
    // 400 lines, 14 KB: past MAX_HIGHLIGHTED_BLOCK (10,000 characters) halfway.
    const lines = Array.from({ length: 400 }, (_, i) => `const value${String(i).padStart(3, '0')} = compute(${i}); // 35\n`);
    await p.call('streamAppend', ['```js\n']);
    for (let i = 0; i < lines.length; i += 50) {
      await p.call('streamAppend', [lines.slice(i, i + 50).join('')]);
      await p.call('streamFrame');
    }
    let [block] = (await p.call('facts')).codeBlocks;
    assert.equal(block.streaming, true);
    assert.equal(block.shownText, lines.join(''));
    // A chunk per frame; none past the limit highlighted, none before it plain; nothing left in one run of text.
    assert.equal(block.chunks.length, 8);
    assert.equal(block.chunks.join(''), lines.join(''));
    assert.equal(block.plainTail, '');
    const html = (await p.call('facts')).html;
    const chunkHtml = html.split('class="chorus-code-chunk"').slice(1);
    assert.ok(chunkHtml[0].includes('hljs-keyword'), 'the first chunk is highlighted');
    assert.ok(!chunkHtml[7].includes('hljs-'), 'a chunk past the limit is plain text');
    await p.call('streamAppend', ['```\n\nAfter.\n\n']);
    await p.call('streamFrame');
    [block] = (await p.call('facts')).codeBlocks;
    assert.deepEqual(block.chunks, []);
    await p.call('streamAppend', ['Done.']);
    await p.call('streamFinish');
    assert.equal((await p.call('facts')).html, await p.call('staticHtml', `\`\`\`js\n${lines.join('')}\`\`\`\n\nAfter.\n\nDone.`));
  });

  it('an unclosed fence at finish() becomes an ordinary code block with its text', async () => {
    const p = page();
    await p.call('streamStart');
    await p.call('streamAppend', ['```py\nprint("hi")\n']);
    await p.call('streamFrame');
    const facts = await p.call('streamFinish');
    assert.equal(facts.codeBlocks[0].streaming, false);
    assert.equal(facts.codeBlocks[0].code, 'print("hi")');
    assert.equal(facts.html, await p.call('staticHtml', '```py\nprint("hi")\n'));
  });

  it('finish() renders synchronously, without waiting for a frame', async () => {
    const p = page();
    await p.call('streamStart');
    await p.call('streamAppend', ['Only ', 'text, ', 'no frame yet.']);
    const facts = await p.call('streamFinish');
    assert.equal(facts.html, '<p>Only text, no frame yet.</p>\n');
    assert.equal(await p.call('streamFrame'), false);
  });

  it('ignores text that arrives after finish()', async () => {
    const p = page();
    await p.call('streamStart');
    await p.call('streamAppend', ['Complete answer.']);
    const finished = await p.call('streamFinish');
    await p.call('streamAppend', [' Late delta.']);
    assert.equal(await p.call('streamFrame'), false);
    assert.equal(await p.call('streamSource'), 'Complete answer.');
    assert.equal((await p.call('facts')).html, finished.html);
  });

  it('getSource returns everything appended, across committed blocks', async () => {
    const p = page();
    const text = generateAnswer({ size: 4_000, codeBlocks: 2, seed: 12 });
    const pieces = text.match(/[\s\S]{1,37}/g) ?? [];
    await p.call('streamStart');
    for (let i = 0; i < pieces.length; i += 5) {
      await p.call('streamAppend', pieces.slice(i, i + 5));
      await p.call('streamFrame');
    }
    assert.equal(await p.call('streamSource'), text);
    await p.call('streamFinish');
    assert.equal(await p.call('streamSource'), text);
  });

  it('resolves reference links defined after their use once finished', async () => {
    const p = page();
    const text = tricky['reference links defined after use'];
    await p.call('streamStart');
    for (const piece of text.match(/[\s\S]{1,9}/g) ?? []) {
      await p.call('streamAppend', [piece]);
      await p.call('streamFrame');
    }
    const facts = await p.call('streamFinish');
    assert.deepEqual(
      facts.links.map((link) => link.dataHref),
      ['https://example.com/docs', 'https://example.com/x', 'https://example.com/docs'],
    );
  });
});
