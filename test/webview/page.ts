// The test page for the rendering core: the fixture bundle (fixture/entry.ts, built with esbuild as
// the product's webview bundle is) served from 127.0.0.1 inside the product's own webview HTML, so
// under exactly the product's Content-Security-Policy, in headless Chromium.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { renderWebviewHtml } from '../../src/chat/webviewHtml';
import { launchChromium } from '../harness/browser';
import { repoRoot } from '../harness/paths';
import type { ChorusTestApi } from './testApi';

const fixtureEntry = path.join(repoRoot, 'test', 'webview', 'fixture', 'entry.ts');
const bundleDir = path.join(repoRoot, 'out', 'webview-fixture');

export interface BundleOptions {
  /** Minified like the production webview bundle (for the benchmark). */
  readonly minify?: boolean;
}

const built = new Map<boolean, Promise<string>>();

/** Bundles the test page (once per process and option); the path of the bundle. */
export function bundleRenderFixture(options: BundleOptions = {}): Promise<string> {
  const minify = options.minify ?? false;
  let bundle = built.get(minify);
  if (!bundle) {
    const outfile = path.join(bundleDir, minify ? 'render-fixture.min.js' : 'render-fixture.js');
    bundle = esbuild
      .build({
        entryPoints: [fixtureEntry],
        outfile,
        bundle: true,
        platform: 'browser',
        format: 'iife',
        target: ['chrome120'],
        minify,
        sourcemap: minify ? false : 'inline',
        legalComments: 'none',
        logLevel: 'warning',
      })
      .then(() => outfile);
    built.set(minify, bundle);
  }
  return bundle;
}

/** The files the page may load; any other request is recorded as unexpected. */
function routes(bundle: string): ReadonlyMap<string, { file: string; type: string }> {
  const codicons = path.join(repoRoot, 'node_modules', '@vscode', 'codicons', 'dist');
  return new Map([
    ['/fixture.js', { file: bundle, type: 'text/javascript' }],
    ['/render.css', { file: path.join(repoRoot, 'media', 'render.css'), type: 'text/css' }],
    ['/codicon.css', { file: path.join(codicons, 'codicon.css'), type: 'text/css' }],
    ['/codicon.ttf', { file: path.join(codicons, 'codicon.ttf'), type: 'font/ttf' }],
  ]);
}

export interface RenderPage {
  readonly page: Page;
  readonly origin: string;
  /** Paths the local server was asked for, in order. */
  readonly serverRequests: readonly string[];
  /** URLs the page requested (Playwright's view), other than the page and its own files, in order. */
  readonly pageRequests: readonly string[];
  /** Uncaught errors and console errors in the page. */
  readonly pageErrors: readonly string[];
  /** Calls a function of `window.chorusTest` in the page. */
  call<K extends keyof ChorusTestApi>(name: K, ...args: Parameters<ChorusTestApi[K]>): Promise<Awaited<ReturnType<ChorusTestApi[K]>>>;
  close(): Promise<void>;
}

/** Starts the server and Chromium and opens the test page. */
export async function openRenderPage(options: BundleOptions = {}): Promise<RenderPage> {
  const bundle = await bundleRenderFixture(options);
  const files = routes(bundle);
  const serverRequests: string[] = [];
  let html = '';
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    serverRequests.push(url);
    const route = files.get(url.replace(/\?.*$/, ''));
    if (url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (route) {
      response.writeHead(200, { 'content-type': route.type }).end(fs.readFileSync(route.file));
    } else if (url === '/favicon.ico') {
      response.writeHead(204).end(); // the browser's own request, not the page's
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The product's webview HTML and CSP, with this server standing in for webview.cspSource.
  html = renderWebviewHtml({ cspSource: origin, scriptUri: `${origin}/fixture.js`, styleUris: [`${origin}/codicon.css`, `${origin}/render.css`], lang: 'en' });

  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    const pageRequests: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      const own = url.origin === origin && (url.pathname === '/' || url.pathname === '/favicon.ico' || files.has(url.pathname));
      if (!own) pageRequests.push(request.url());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${origin}/`);
    await page.waitForSelector('html[data-chorus-test="ready"]', { state: 'attached' });
    const opened = browser;
    return {
      page,
      origin,
      serverRequests,
      pageRequests,
      pageErrors,
      call: (name, ...args) =>
        page.evaluate(
          ([method, values]) => {
            const api = (globalThis as unknown as { chorusTest: Record<string, (...params: unknown[]) => unknown> }).chorusTest;
            return api[method](...values);
          },
          [name, args] as [string, unknown[]],
        ) as never,
      close: async () => {
        await opened.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  } catch (error) {
    await browser?.close();
    server.close();
    throw error;
  }
}
