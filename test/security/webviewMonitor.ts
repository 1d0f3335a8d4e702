// Traps around the chat webview, installed from outside (Playwright), never by the product:
//  - executed: alert/confirm/prompt/print replaced in every frame before any script runs; a call
//    from a webview frame means a payload's script ran;
//  - csp: every Content-Security-Policy violation in the chat frame (the policy had to stop
//    something the sanitizer let through);
//  - markup: a MutationObserver on the chat document reporting any element or attribute that could
//    run script or load something (script, iframe, img, svg, style, on* handlers, src, style, a live
//    href…), even if it exists only for a moment while an answer streams;
//  - requests: every request made by a webview frame other than Chorus's own files, and whether the
//    CSP blocked it or it went out;
//  - traffic: every message between the webview and the extension host, and every state the
//    webview saved, checked for the session's secrets.
// Listeners a document registers are erased when VS Code writes the chat document (document.open),
// so `arm` installs them again whenever the panel's frame is new.
import type { BrowserContext, Frame, Page } from 'playwright-core';

export type FindingKind = 'executed' | 'csp' | 'markup';

export interface Finding {
  readonly kind: FindingKind;
  readonly detail: string;
  /** What the suite was doing (e.g. the payload's id). */
  readonly label: string;
}

export interface WebviewRequest {
  readonly url: string;
  readonly label: string;
  outcome: 'pending' | 'blocked by CSP' | 'failed' | 'sent';
}

export interface TrafficCounts {
  toHost: number;
  toWebview: number;
  states: number;
}

const BINDING = '__chorusSecurityReport';
const WEBVIEW_PATH = '/contrib/webview/browser/pre/';

/** Runs in every frame before its scripts: the execution trap. */
const TRAP_SCRIPT = `(() => {
  const report = (kind, detail) => { try { window.${BINDING}(kind, String(detail).slice(0, 300)); } catch {} };
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    try {
      Object.defineProperty(window, name, {
        configurable: true, writable: true,
        value: function () { report('executed', name + '(' + String(arguments[0]).slice(0, 80) + ')'); return name === 'confirm' ? false : null; },
      });
    } catch {}
  }
})();`;

/**
 * Tags that must never exist in the chat panel (its own UI uses none of them), tags that must never
 * exist inside an answer, and attributes that must never exist on any element. Links inside answers
 * must have href="#".
 */
const MARKUP_RULES = {
  tags: [
    'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'img', 'image', 'picture', 'source', 'video',
    'audio', 'track', 'svg', 'math', 'style', 'link', 'meta', 'base', 'portal', 'noscript', 'template', 'xmp',
    'plaintext', 'marquee', 'bgsound', 'isindex', 'keygen', 'select', 'option', 'dialog', 'canvas', 'map', 'area', 'slot',
    'use', 'foreignobject', 'animate', 'set', 'fencedframe',
  ],
  /** The panel's own UI has these (the composer is a form), but never inside an answer. */
  answerTags: ['form', 'input', 'textarea', 'label', 'fieldset', 'output', 'option', 'datalist'],
  attributes: [
    'src', 'srcset', 'srcdoc', 'style', 'action', 'formaction', 'background', 'poster', 'ping', 'data', 'codebase',
    'dynsrc', 'lowsrc', 'xlink:href', 'http-equiv', 'autofocus', 'contenteditable', 'is', 'nonce', 'xmlns',
  ],
};

/** Runs in the chat frame (after its document is written): listeners that report to the binding. */
const ARM_SCRIPT = `(rules) => {
  if (window.__chorusArmed) return false;
  window.__chorusArmed = true;
  const report = (kind, detail) => { try { window.${BINDING}(kind, String(detail).slice(0, 300)); } catch {} };
  window.addEventListener('securitypolicyviolation', (e) => report('csp', e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')), true);
  const tags = new Set(rules.tags);
  const answerTags = new Set(rules.answerTags);
  const attributes = new Set(rules.attributes);
  const checkAttribute = (el, name, value) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('on') || attributes.has(lower)) report('markup', '<' + el.localName + ' ' + lower + '="' + String(value).slice(0, 80) + '">');
    else if (lower === 'href' && el.closest('.answer') && value !== '#') report('markup', '<' + el.localName + ' href="' + String(value).slice(0, 80) + '">');
  };
  const checkElement = (el) => {
    const tag = el.localName.toLowerCase();
    if (tags.has(tag) || (answerTags.has(tag) && el.closest('.answer'))) report('markup', '<' + el.localName + '>');
    for (const a of Array.from(el.attributes)) checkAttribute(el, a.name, a.value);
  };
  const checkTree = (node) => {
    if (!node || node.nodeType !== 1) return;
    checkElement(node);
    for (const el of node.querySelectorAll('*')) checkElement(el);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') { if (r.target.nodeType === 1 && r.target.hasAttribute(r.attributeName)) checkAttribute(r.target, r.attributeName, r.target.getAttribute(r.attributeName)); }
      else for (const n of r.addedNodes) checkTree(n);
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true });
  // What is there already: the panel (the page's own script and CSP sit outside it, in the document).
  checkTree(document.getElementById('chorus-app'));
  window.addEventListener('message', (e) => { try { report('toWebview', JSON.stringify(e.data)); } catch {} });
  return true;
}`;

/**
 * Runs in the webview's outer frame, which relays the chat frame's messages to the workbench over a
 * MessagePort: what it relays is what the extension host will receive.
 */
const OUTER_SCRIPT = `() => {
  if (window.__chorusListening) return;
  window.__chorusListening = true;
  const original = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (message, ...rest) {
    try {
      if (message && message.channel === 'onmessage') window.${BINDING}('toHost', JSON.stringify(message.data));
      else if (message && message.channel === 'do-update-state') window.${BINDING}('state', String(message.data));
    } catch {}
    return original.call(this, message, ...rest);
  };
}`;

/** Runs in the chat frame: the same rules as ARM_SCRIPT, over the document as it is now. */
const AUDIT_SCRIPT = `(rules) => {
  const tags = new Set(rules.tags);
  const answerTags = new Set(rules.answerTags);
  const attributes = new Set(rules.attributes);
  const found = [];
  for (const el of document.querySelectorAll('#chorus-app, #chorus-app *')) {
    const tag = el.localName.toLowerCase();
    if (tags.has(tag) || (answerTags.has(tag) && el.closest('.answer'))) found.push('<' + el.localName + '>');
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on') || attributes.has(name)) found.push('<' + el.localName + ' ' + name + '>');
      if (name === 'href' && el.closest('.answer') && a.value !== '#') found.push('<' + el.localName + ' href=' + a.value.slice(0, 60) + '>');
    }
  }
  return found;
}`;

/** Is `frame` a webview frame (the chat panel's, or one a payload created inside it)? */
export function isWebviewFrame(frame: Frame | null): boolean {
  for (let f = frame; f; f = f.parentFrame()) if (f.url().includes(WEBVIEW_PATH)) return true;
  return false;
}

/** Chorus's own files, which the webview loads from the extension's folder. */
function isProductResource(url: string): boolean {
  return /^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\/.*\/chorus-dev\.chorus-[^/]+\/(dist|media)\//.test(url) || url.startsWith('blob:');
}

export class WebviewMonitor {
  readonly findings: Finding[] = [];
  readonly requests: WebviewRequest[] = [];
  readonly traffic: TrafficCounts = { toHost: 0, toWebview: 0, states: 0 };
  /** Where a secret was seen in webview traffic: "host → webview message", "webview state"… */
  readonly trafficLeaks: string[] = [];
  /** Pages opened while the suite ran (window.open, external links). */
  readonly popups: Page[] = [];
  /** What is being tested now; recorded with every finding and request. */
  label = '';
  private secrets: () => string[] = () => [];

  private constructor() {}

  static async install(context: BrowserContext): Promise<WebviewMonitor> {
    const monitor = new WebviewMonitor();
    await context.exposeBinding(BINDING, ({ frame }, kind: string, detail: string) => monitor.report(frame, kind, detail));
    await context.addInitScript({ content: TRAP_SCRIPT });
    const byRequest = new Map<unknown, WebviewRequest>();
    context.on('request', (request) => {
      let frame: Frame | null = null;
      try {
        frame = request.frame();
      } catch {
        return; // A service worker's own fetch (it serves Chorus's files to the webview).
      }
      if (!isWebviewFrame(frame) || isProductResource(request.url())) return;
      // The webview documents themselves are loaded by the workbench when the view opens.
      if (request.isNavigationRequest() && request.url().includes(WEBVIEW_PATH)) return;
      const entry: WebviewRequest = { url: request.url(), label: monitor.label, outcome: 'pending' };
      byRequest.set(request, entry);
      monitor.requests.push(entry);
    });
    context.on('requestfailed', (request) => {
      const entry = byRequest.get(request);
      if (entry) entry.outcome = /csp/i.test(request.failure()?.errorText ?? '') ? 'blocked by CSP' : 'failed';
    });
    context.on('requestfinished', (request) => {
      const entry = byRequest.get(request);
      if (entry) entry.outcome = 'sent';
    });
    context.on('page', (page) => monitor.popups.push(page));
    return monitor;
  }

  setSecrets(secrets: () => string[]): void {
    this.secrets = secrets;
  }

  /** Installs the listeners in the chat frame and the workbench (once per document). */
  async arm(chat: Frame): Promise<void> {
    await chat.parentFrame()?.evaluate(`(${OUTER_SCRIPT})()`);
    await chat.evaluate(`(${ARM_SCRIPT})(${JSON.stringify(MARKUP_RULES)})`);
  }

  /** Findings of a kind recorded since index `from` of `findings`. */
  since(from: number, kind?: FindingKind): Finding[] {
    return this.findings.slice(from).filter((f) => kind === undefined || f.kind === kind);
  }

  /** Requests that went out or were attempted (everything but those the CSP blocked). */
  leakedRequests(from = 0): WebviewRequest[] {
    return this.requests.slice(from).filter((r) => r.outcome !== 'blocked by CSP');
  }

  /** Scans the chat document for forbidden markup right now (in addition to the observer). */
  async audit(chat: Frame): Promise<string[]> {
    return chat.evaluate(`(${AUDIT_SCRIPT})(${JSON.stringify(MARKUP_RULES)})`) as Promise<string[]>;
  }

  private report(frame: Frame, kind: string, detail: string): void {
    if (!isWebviewFrame(frame)) return;
    if (kind === 'toHost' || kind === 'state') {
      if (kind === 'toHost') this.traffic.toHost++;
      else this.traffic.states++;
      this.checkTraffic(kind === 'toHost' ? 'webview → host message' : 'webview state (setState)', detail);
      return;
    }
    if (kind === 'toWebview') {
      this.traffic.toWebview++;
      this.checkTraffic('host → webview message', detail);
      return;
    }
    if (kind === 'executed' || kind === 'csp' || kind === 'markup') this.findings.push({ kind, detail, label: this.label });
  }

  private checkTraffic(place: string, text: string): void {
    for (const secret of this.secrets()) if (text.includes(secret)) this.trafficLeaks.push(place);
  }
}
