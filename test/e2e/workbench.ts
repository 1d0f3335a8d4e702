// Opens a real VS Code (code-server) in headless Chromium with the packaged Chorus installed, as a
// user would have it, and offers the few UI moves the end-to-end tests share.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import type { CodeServerVersion } from '../harness/codeServerVersions';
import { repoRoot } from '../harness/paths';
import { copySampleWorkspace } from '../harness/workspace';
import { languagePackVsix, registerLanguagePack } from './testLanguagePack';

export interface Workbench {
  readonly page: Page;
  readonly server: CodeServer;
  readonly folder: string;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  readonly settings?: Record<string, unknown>;
  readonly locale?: string;
  /** `.vscode/settings.json` of the opened folder, as a cloned project might carry. */
  readonly workspaceSettings?: Record<string, unknown>;
  /** VS Code's display language (code-server's --locale). */
  readonly vscodeLocale?: string;
  /** Files written into the opened folder before VS Code starts (relative path → text), e.g. prompt files. */
  readonly files?: Record<string, string>;
  /** Which code-server (so which VS Code) to open; the default one (see codeServerVersions.ts) when omitted. */
  readonly version?: CodeServerVersion;
}

/** Where end-to-end tests leave screenshots for a person to look at. */
export const screenshotDir = path.join(repoRoot, 'out', 'e2e-screenshots');

/** The base URLs among `settings`: they also go into the remote machine's settings (see CodeServerOptions). */
export function baseUrls(settings: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).filter(([key]) => key.endsWith('.baseUrl')));
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const vsix = process.env.CHORUS_VSIX ?? path.join(repoRoot, 'chorus.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run "npm run package" (npm run test:e2e does)`);
  const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-extensions-'));
  const folder = copySampleWorkspace();
  if (options.workspaceSettings) {
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify(options.workspaceSettings, null, 2));
  }
  for (const [relative, text] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    fs.writeFileSync(path.join(folder, relative), text);
  }
  const server = await startCodeServer({
    folder,
    extensionsDir,
    settings: options.settings,
    machineSettings: baseUrls(options.settings),
    locale: options.vscodeLocale,
    version: options.version,
    install: [vsix, ...(options.vscodeLocale ? [languagePackVsix()] : [])],
  });
  if (options.vscodeLocale) registerLanguagePack(server.userDataDir, extensionsDir);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: options.locale ?? 'en-US' });
    // Copy buttons write through VS Code to the browser's clipboard; tests read it back.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    const opened = browser;
    return {
      page,
      server,
      folder,
      close: async () => {
        await opened.close();
        await server.stop();
        fs.rmSync(folder, { recursive: true, force: true });
        fs.rmSync(extensionsDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}

/** Runs a command from the Command Palette by its title, typing as a user does. */
export async function runCommand(page: Page, title: string): Promise<void> {
  // A palette that did not open, or that opened over something else and lists nothing, is asked
  // for again (seen once in a long security run, after many webview interactions).
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    // The text box only: VS Code 1.90's quick input also holds a checkbox input per row.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    try {
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`>${title}`);
      await row.waitFor({ timeout: 10_000 });
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt === 3) throw error;
      continue;
    }
    await page.keyboard.press('Enter');
    return;
  }
}

/**
 * The frame holding the chat panel's own document. Webview views are nested iframes
 * (index.html → fake.html); ours is the one with #chorus-app in it.
 */
export async function chatFrame(page: Page, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        if (await frame.$('#chorus-app')) return frame;
      } catch {
        // A frame that navigated away while we looked.
      }
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the Chorus chat webview did not appear');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
