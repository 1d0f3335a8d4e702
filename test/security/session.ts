// The one real VS Code the security suite attacks: code-server with the packaged chorus.vsix
// installed, in headless Chromium, pointed at a fake OpenAI-compatible provider and a fake Qianfan,
// with a canary server for leaks, keys set through the masked prompt as a user would, traps armed
// in the chat webview (webviewMonitor.ts) and the extension host's inspector open for memory.
// Opened once by the first suite that asks for it and closed by runSecurity.ts after the run.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { type CodeServer, freePort, startCodeServer } from '../harness/codeServer';
import { repoRoot } from '../harness/paths';
import { copySampleWorkspace } from '../harness/workspace';
import { openChatPanel } from '../e2e/chatPanel';
import { runCommand, screenshot } from '../e2e/workbench';
import { startFakeProvider, type FakeProvider } from '../fixtures/fakeProvider';
import { startFakeQianfan, type FakeQianfan } from '../fixtures/fakeQianfan';
import { type Canary, startCanary } from './canary';
import { ExtensionHostInspector, extensionHostErrors, findExtensionHost, inspectorEnv, pollUntil, UNHANDLED_IN_HOST } from './extensionHost';
import { WebviewMonitor } from './webviewMonitor';

export const FAKE_MODEL = 'fake-model';

/** The keys this session sets: random, so finding one anywhere can only be a leak. */
export interface SessionKeys {
  readonly openai: string;
  readonly qianfanApiKey: string;
  readonly qianfanSecretKey: string;
}

export interface Session {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly server: CodeServer;
  /** The workspace folder VS Code has open (a temporary copy of test/workspace). */
  readonly folder: string;
  /** The OpenAI-compatible fake; replaced when a test restarts it on the same port. */
  fake: FakeProvider;
  readonly qianfan: FakeQianfan;
  readonly canary: Canary;
  readonly keys: SessionKeys;
  readonly monitor: WebviewMonitor;
  readonly host: ExtensionHostInspector;
  /** The chat panel's webview frame, opened and armed (opens the view if it is not shown). */
  chat(): Promise<Frame>;
  /** Merges `patch` into the user settings through the settings.json editor (type, save, close). */
  updateSettings(patch: Record<string, unknown>): Promise<void>;
  /** Workbench console lines reporting an unhandled rejection or exception in the extension host. */
  readonly hostConsoleErrors: string[];
  /** Every secret the session holds, including Qianfan access tokens the fake issued. */
  secrets(): string[];
}

/**
 * The opening every suite against the real chat panel shares; call it inside describe(). Before the
 * first test it opens the session (once for the whole run) and the chat webview, and hands both to
 * `opened`. With `screenshotAs`, a failed test leaves a screenshot named security-<screenshotAs>-failed.
 */
export function withChatPanel(opened: (s: Session, frame: Frame) => void, screenshotAs?: string): void {
  let current: Session | undefined;
  before(async () => {
    current = await session();
    opened(current, await current.chat());
  });
  if (screenshotAs) {
    afterEach(async function () {
      if (current && this.currentTest?.state === 'failed') await screenshot(current.page, `security-${screenshotAs}-failed`);
    });
  }
}

let opened: Promise<Session> | undefined;

/** The session, opened on first use. */
export function session(): Promise<Session> {
  opened ??= openSession();
  return opened;
}

/** Closes the session if one was opened (runSecurity.ts, after the run). */
export async function closeSession(): Promise<void> {
  if (!opened) return;
  const current = await opened.catch(() => undefined);
  opened = undefined;
  if (!current) return;
  current.host.close();
  await current.context.browser()?.close();
  await current.server.stop();
  await current.fake.close();
  await current.qianfan.close();
  await current.canary.close();
  fs.rmSync(current.folder, { recursive: true, force: true });
  fs.rmSync(current.server.extensionsDir, { recursive: true, force: true });
}

export function settingsFile(server: CodeServer): string {
  return path.join(server.userDataDir, 'User', 'settings.json');
}

async function openSession(): Promise<Session> {
  const vsix = process.env.CHORUS_VSIX ?? path.join(repoRoot, 'chorus.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run "npm run package" (runSecurity does)`);
  const keys: SessionKeys = {
    openai: `sk-chorus-sec-${randomBytes(16).toString('hex')}`,
    qianfanApiKey: `qf-api-${randomBytes(12).toString('hex')}`,
    qianfanSecretKey: `qf-secret-${randomBytes(12).toString('hex')}`,
  };
  const canary = await startCanary();
  const fake = await startFakeProvider({ apiKey: keys.openai });
  const qianfan = await startFakeQianfan({ apiKey: keys.qianfanApiKey, secretKey: keys.qianfanSecretKey });
  const inspectorPort = await freePort();
  const folder = copySampleWorkspace();
  const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorus-extensions-'));
  const server = await startCodeServer({
    folder,
    extensionsDir,
    install: [vsix],
    env: inspectorEnv(inspectorPort),
    settings: {
      'chorus.provider': 'openai',
      'chorus.openai.model': FAKE_MODEL,
      'chorus.qianfan.endpoint': 'chatglm3_6b',
      'chorus.qianfan.auth': 'accessToken',
      // The shortest waits the settings allow, so stalls are found in seconds.
      'chorus.request.connectTimeoutSeconds': 2,
      'chorus.request.idleTimeoutSeconds': 5,
      'extensions.ignoreRecommendations': true,
      // The suite edits settings.json by typing into it: nothing may be added to what it types.
      'editor.autoClosingBrackets': 'never',
      'editor.autoClosingQuotes': 'never',
      'editor.autoSurround': 'never',
      'editor.autoIndent': 'none',
      'editor.formatOnType': false,
      'editor.formatOnSave': false,
    },
  });
  // Base URLs are machine-scoped settings: in a remote window (code-server) they belong in the
  // remote machine's settings, where VS Code keeps honouring them after the user settings are edited.
  fs.mkdirSync(path.join(server.userDataDir, 'Machine'), { recursive: true });
  fs.writeFileSync(
    path.join(server.userDataDir, 'Machine', 'settings.json'),
    JSON.stringify({ 'chorus.openai.baseUrl': fake.baseUrl, 'chorus.qianfan.baseUrl': qianfan.baseUrl }, null, 2),
  );
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const monitor = await WebviewMonitor.install(context);
    const page = await context.newPage();
    const hostConsoleErrors: string[] = [];
    page.on('console', (message) => {
      if (UNHANDLED_IN_HOST.test(message.text())) hostConsoleErrors.push(message.text());
    });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    // Chorus activates when its view opens: then the extension host is up and settled.
    let chatFrame: Frame | undefined = await openChatPanel(page);
    const pid = findExtensionHost(server.userDataDir);
    if (pid === undefined) throw new Error('the extension host process was not found');
    const host = await ExtensionHostInspector.attach(pid, inspectorPort);
    const current: Session = {
      page,
      context,
      server,
      folder,
      fake,
      qianfan,
      canary,
      keys,
      monitor,
      host,
      chat: async () => {
        if (!chatFrame || chatFrame.isDetached() || !(await frameReady(chatFrame))) chatFrame = await openChatPanel(page);
        await monitor.arm(chatFrame);
        return chatFrame;
      },
      updateSettings: async (patch) => {
        const settings = JSON.parse(fs.readFileSync(settingsFile(server), 'utf8')) as Record<string, unknown>;
        await editUserSettings(page, settingsFile(server), JSON.stringify({ ...settings, ...patch }));
      },
      hostConsoleErrors,
      secrets: () => [keys.openai, keys.qianfanApiKey, keys.qianfanSecretKey, ...qianfan.tokens.map((t) => t.token)],
    };
    monitor.setSecrets(() => current.secrets());
    const frame = await current.chat();
    await setKeyThroughUi(page, 'OpenAI-compatible', [keys.openai]);
    await setKeyThroughUi(page, 'Baidu Qianfan', [keys.qianfanApiKey, keys.qianfanSecretKey]);
    await frame.locator('.key-notice').waitFor({ state: 'hidden' });
    return current;
  } catch (error) {
    await browser?.close();
    await server.stop();
    await Promise.all([fake.close(), qianfan.close(), canary.close()]);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(extensionsDir, { recursive: true, force: true });
    throw error;
  }
}

async function frameReady(frame: Frame): Promise<boolean> {
  try {
    return (await frame.locator('#chorus-app[data-state="ready"]').count()) === 1;
  } catch {
    return false;
  }
}

/** Chorus: Set API Key from the Command Palette: pick the provider, type each key into the masked box. */
export async function setKeyThroughUi(page: Page, providerLabel: string, values: readonly string[]): Promise<void> {
  await runCommand(page, 'Chorus: Set API Key');
  const label = page.locator('.label-name', { hasText: new RegExp(`^${providerLabel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  await page.locator('.quick-input-widget .monaco-list-row').filter({ has: label }).first().click();
  for (const value of values) {
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor();
    await input.fill(value);
    await page.keyboard.press('Enter');
    // The next prompt reuses the box: wait until this value has left it.
    await pollUntil(async () => (await input.count()) === 0 || (await input.inputValue()) !== value, (gone) => gone, 10_000);
  }
  await page.locator('.notifications-toasts .notification-toast', { hasText: /key for .* is saved/ }).first().waitFor();
  await page.keyboard.press('Escape');
}

/**
 * Replaces the user settings the way a user edits settings.json: Preferences: Open User Settings
 * (JSON), select all, type the new text, save, close. (code-server does not notice the file
 * changing on disk.) One line of JSON, and the session's settings turn off auto-closing and
 * auto-indent, so the editor saves exactly what was typed.
 */
async function editUserSettings(page: Page, file: string, json: string): Promise<void> {
  const editor = page.locator('.editor-instance .monaco-editor').first();
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, 'Preferences: Open User Settings (JSON)');
    try {
      // The file's text is on screen: the editor is ready for input.
      await editor.locator('.view-lines', { hasText: 'workbench.startupEditor' }).waitFor({ timeout: 15_000 });
      break;
    } catch (error) {
      // Seen once in a fresh-clone run: the settings file did not show; ask for it again, once.
      await screenshot(page, `security-settings-not-shown-${attempt}`);
      if (attempt === 2) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(json);
  await page.keyboard.press('Control+S');
  const saved = await pollUntil(() => fs.readFileSync(file, 'utf8'), (text) => text === json, 10_000);
  await page.keyboard.press('Control+W');
  if (saved !== json) throw new Error(`settings.json was not saved as typed:\n${saved.slice(0, 500)}`);
}

export interface HostErrorMark {
  readonly log: number;
  readonly console: number;
}

/** Where the extension host's error reports stand now. */
export function hostErrorMark(s: Session): HostErrorMark {
  return { log: extensionHostErrors(s.server.userDataDir).length, console: s.hostConsoleErrors.length };
}

/** Unhandled rejections and uncaught exceptions reported by the extension host since `mark`. */
export function hostErrorsSince(s: Session, mark: HostErrorMark): string[] {
  return [...extensionHostErrors(s.server.userDataDir).slice(mark.log), ...s.hostConsoleErrors.slice(mark.console)];
}
