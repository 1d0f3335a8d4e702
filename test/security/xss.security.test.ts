// XSS: every payload of the vendored public corpora, streamed as a model answer split at random
// points, into the real chat webview (packaged Chorus in code-server, in Chromium). Traps record
// any script that runs, any CSP violation, any forbidden markup and any request; a canary server
// counts what reaches it. The rendered text is also checked against what was sent (history file).
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { ask, newChat, savedConversations, splitAnswer } from './chatUi';
import { corpusCounts, xssPayloads } from './corpus';
import { pollUntil } from './extensionHost';
import { figure } from './figures';
import { createRandom, securitySeed } from './random';
import { type Session, withChatPanel } from './session';

const BATCH = 24;

describe('XSS: public payloads streamed as answers into the real chat webview', function () {
  this.timeout(20 * 60_000);
  let s: Session;
  let frame: Frame;

  withChatPanel((session, chat) => {
    s = session;
    frame = chat;
  });

  it('the traps notice a planted script, forbidden markup, a CSP violation and a request (control)', async () => {
    const findings = s.monitor.findings.length;
    const requests = s.monitor.requests.length;
    s.monitor.label = 'control';
    // Planted from outside the way a successful XSS would act: a script carrying the page's nonce, an
    // image on the canary (the CSP stops it) and one on the webview's own origin (the CSP allows it).
    await frame.evaluate(`(() => {
      const app = document.getElementById('chorus-app');
      const script = document.createElement('script');
      script.nonce = document.querySelector('script[nonce]').nonce;
      script.textContent = 'alert("control")';
      const remote = document.createElement('img');
      remote.src = ${JSON.stringify(`${s.canary.origin}/control.png`)};
      const local = document.createElement('img');
      local.src = '/__chorus_control__.png';
      const planted = document.createElement('div');
      planted.id = 'chorus-security-control';
      planted.append(script, remote, local);
      app.append(planted);
    })()`);
    const seen = await pollUntil(
      () => s.monitor.since(findings).map((f) => f.kind),
      (kinds) => kinds.includes('executed') && kinds.includes('csp') && kinds.includes('markup'),
    );
    await pollUntil(() => s.monitor.requests.slice(requests).filter((r) => r.outcome !== 'pending').length, (n) => n >= 2);
    await frame.evaluate(`document.getElementById('chorus-security-control').remove()`);
    assert.ok(seen.includes('executed'), 'the script trap saw the planted script run');
    assert.ok(seen.includes('csp'), 'the CSP violation was reported');
    assert.ok(seen.includes('markup'), 'the markup observer saw the planted elements');
    const outcomes = s.monitor.requests.slice(requests).map((r) => `${r.outcome} ${r.url}`);
    assert.ok(outcomes.some((o) => o.startsWith('blocked by CSP') && o.includes('/control.png')), outcomes.join('\n'));
    assert.ok(outcomes.some((o) => o.startsWith('sent') && o.includes('/__chorus_control__.png')), outcomes.join('\n'));
    s.monitor.findings.splice(findings);
    s.monitor.requests.splice(requests);
  });

  it('no payload runs script, trips the CSP, leaves forbidden markup or fetches anything', async () => {
    const payloads = xssPayloads();
    const random = createRandom(securitySeed);
    const findings = s.monitor.findings.length;
    const requests = s.monitor.requests.length;
    const hits = s.canary.hits.length;
    const popups = s.monitor.popups.length;
    const audited: string[] = [];
    const notDone: string[] = [];
    const prompts = new Map<string, string>();
    for (const [i, payload] of payloads.entries()) {
      if (i % BATCH === 0) {
        if (i > 0) audited.push(...(await s.monitor.audit(frame)));
        await newChat(frame);
      }
      s.monitor.label = payload.id;
      s.fake.enqueue(splitAnswer(payload.text, random));
      const prompt = `Payload ${payload.id}`;
      prompts.set(prompt, payload.text);
      const { status } = await ask(frame, prompt);
      if (status !== 'done') notDone.push(payload.id);
    }
    audited.push(...(await s.monitor.audit(frame)));
    s.monitor.label = '';
    // Late reactions (an image error handler, a meta refresh) get a moment to show.
    await frame.waitForTimeout(1000);

    // Each answer as Chorus saved it must be exactly the payload: the random cuts lost nothing.
    const answered = new Map<string, string>();
    const conversations = await pollUntil(
      () => savedConversations(s),
      (all) => all.reduce((n, c) => n + c.turns.filter((t) => prompts.has(t.text)).length, 0) >= payloads.length,
    );
    for (const conversation of conversations) {
      conversation.turns.forEach((turn, index) => {
        const next = conversation.turns[index + 1];
        if (turn.role === 'user' && prompts.has(turn.text) && next?.role === 'assistant') answered.set(turn.text, next.text);
      });
    }
    const garbled = [...prompts].filter(([prompt, text]) => answered.get(prompt) !== text).map(([prompt]) => prompt);

    const executed = s.monitor.since(findings, 'executed');
    const csp = s.monitor.since(findings, 'csp');
    const markup = s.monitor.since(findings, 'markup');
    const leaked = s.monitor.leakedRequests(requests);
    const blocked = s.monitor.requests.slice(requests).filter((r) => r.outcome === 'blocked by CSP');
    const canaryHits = s.canary.hits.slice(hits);
    const counts = corpusCounts();
    figure('XSS', `payloads tried: ${payloads.length} (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}), seed ${securitySeed}`);
    figure('XSS', `executed: ${executed.length}`);
    figure('XSS', `requests leaked: ${leaked.length + canaryHits.length} (webview requests sent: ${leaked.length}, canary hits: ${canaryHits.length}); blocked by the CSP: ${blocked.length}`);
    figure('XSS', `CSP violations: ${csp.length}; forbidden markup seen: ${markup.length + audited.length}; windows opened: ${s.monitor.popups.length - popups}; answers not finished: ${notDone.length}; answers not saved exactly: ${garbled.length}`);
    const describe = (list: ReadonlyArray<{ label: string; detail?: string; url?: string }>): string => list.slice(0, 10).map((f) => `${f.label}: ${f.detail ?? f.url}`).join('\n');
    assert.deepEqual(executed, [], `scripts ran:\n${describe(executed)}`);
    assert.deepEqual(leaked, [], `requests left the webview:\n${describe(leaked)}`);
    assert.deepEqual(canaryHits, [], 'the canary was reached');
    assert.deepEqual(s.monitor.popups.slice(popups).map((page) => page.url()), [], 'no window was opened');
    assert.deepEqual(blocked, [], `the CSP had to block requests:\n${describe(blocked)}`);
    assert.deepEqual(csp, [], `the CSP had to stop something:\n${describe(csp)}`);
    assert.deepEqual(markup, [], `forbidden markup appeared:\n${describe(markup)}`);
    assert.deepEqual(audited, [], 'forbidden markup in the panel');
    assert.deepEqual(notDone, [], 'every answer finished normally');
    assert.deepEqual(garbled, [], 'every answer was saved exactly as sent');
  });
});
