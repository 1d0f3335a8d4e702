import * as assert from 'node:assert/strict';
import { useRenderPage } from './hooks';

describe('link and code block handlers', () => {
  const page = useRenderPage();

  beforeEach(async () => {
    await page().call('takeEvents');
  });

  it('a link click asks the host to open the URL and does not navigate', async () => {
    const p = page();
    const location = await p.call('location');
    const requests = p.pageRequests.length;
    await p.call('renderStatic', 'Read [the guide](https://example.com/guide?x=1#part) first.');
    await p.page.click('#stage a');
    await p.call('settle');
    assert.deepEqual(await p.call('takeEvents'), [{ kind: 'openLink', url: 'https://example.com/guide?x=1#part' }]);
    assert.equal(await p.call('location'), location);
    assert.equal(p.page.url(), location);
    assert.deepEqual(p.pageRequests.slice(requests), []);
  });

  it('Enter on a focused link does the same', async () => {
    const p = page();
    await p.call('renderStatic', '<https://example.com/keyboard>');
    await p.page.focus('#stage a');
    await p.page.keyboard.press('Enter');
    assert.deepEqual(await p.call('takeEvents'), [{ kind: 'openLink', url: 'https://example.com/keyboard' }]);
  });

  it('a middle click on a link opens no window', async () => {
    const p = page();
    await p.call('renderStatic', '[x](https://example.com/middle)');
    await p.page.click('#stage a', { button: 'middle' });
    await p.call('settle');
    assert.equal(p.page.context().pages().length, 1);
    assert.deepEqual(await p.call('takeEvents'), []);
  });

  it('an image link opens the image URL through the host, never in the page', async () => {
    const p = page();
    const requests = p.pageRequests.length;
    await p.call('renderStatic', `![chart](${p.origin}/chart.png)`);
    await p.page.click('#stage a.chorus-image-link');
    assert.deepEqual(await p.call('takeEvents'), [{ kind: 'openLink', url: `${p.origin}/chart.png` }]);
    assert.deepEqual(p.pageRequests.slice(requests), []);
  });

  it('clicking text that is not a link does nothing', async () => {
    const p = page();
    await p.call('renderStatic', 'Just [text](command:evil) here.');
    await p.page.click('#stage p');
    assert.deepEqual(await p.call('takeEvents'), []);
  });

  it('each toolbar button reports its action with the exact code, language and index', async () => {
    const p = page();
    const second = 'x = "<&>"  \r\nprint(x)';
    await p.call('renderStatic', `\`\`\`ts\nconst a = 1;\n\`\`\`\r\n\r\n\`\`\`python\r\n${second}\r\n\`\`\`\r\n`);
    for (const action of ['copy', 'insert', 'apply', 'newFile']) {
      await p.page.click(`#stage .chorus-code[data-code-index="1"] button[data-action="${action}"]`);
    }
    await p.page.click('#stage .chorus-code[data-code-index="0"] button[data-action="copy"]');
    assert.deepEqual(await p.call('takeEvents'), [
      { kind: 'code', action: 'copy', code: second, language: 'python', index: 1 },
      { kind: 'code', action: 'insert', code: second, language: 'python', index: 1 },
      { kind: 'code', action: 'apply', code: second, language: 'python', index: 1 },
      { kind: 'code', action: 'newFile', code: second, language: 'python', index: 1 },
      { kind: 'code', action: 'copy', code: 'const a = 1;', language: 'ts', index: 0 },
    ]);
  });

  it('a click on the icon inside a button counts as the button', async () => {
    const p = page();
    await p.call('renderStatic', '```go\nfunc main() {}\n```');
    // A click event that starts on the icon (dispatched there: the icon font may still be loading, so
    // the icon's box cannot be relied on for a mouse position).
    await p.page.locator('#stage button[data-action="insert"] .codicon').dispatchEvent('click');
    assert.deepEqual(await p.call('takeEvents'), [{ kind: 'code', action: 'insert', code: 'func main() {}', language: 'go', index: 0 }]);
  });

  it('buttons of a code block still being streamed do nothing', async () => {
    const p = page();
    await p.call('streamStart');
    await p.call('streamAppend', ['```js\nconst partial = ']);
    await p.call('streamFrame');
    await p.page.click('#stage button[data-action="apply"]', { force: true });
    assert.deepEqual(await p.call('takeEvents'), []);
    await p.call('streamAppend', ['1;\n```\n']);
    await p.call('streamFrame');
    await p.page.click('#stage button[data-action="apply"]');
    assert.deepEqual(await p.call('takeEvents'), [{ kind: 'code', action: 'apply', code: 'const partial = 1;', language: 'js', index: 0 }]);
    await p.call('streamFinish');
  });
});
