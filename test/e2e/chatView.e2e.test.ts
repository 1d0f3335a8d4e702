import * as assert from 'node:assert/strict';
import { chatFrame, openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

describe('Chorus in VS Code, as a user sees it', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows the Chorus view from the activity bar with the chat panel rendered', async () => {
    const { page } = workbench;
    await page.locator('.activitybar .action-item a[aria-label^="Chorus"]').click();
    const frame = await chatFrame(page);
    const app = frame.locator('#chorus-app[data-state="ready"]');
    await app.waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('h1.chorus-title').textContent(), 'Chorus');
    assert.match((await frame.locator('.chorus-welcome').textContent()) ?? '', /InternLM/);
    assert.match((await app.getAttribute('data-version')) ?? '', /^\d+\.\d+\.\d+$/);
    await screenshot(page, 'chat-view');
  });

  it('runs "Chorus: Show Log" from the Command Palette and shows the Chorus output', async () => {
    const { page } = workbench;
    await runCommand(page, 'Chorus: Show Log');
    const output = page.locator('.part.panel .monaco-editor .view-lines');
    // Monaco renders spaces as no-break spaces, hence \s.
    await output.filter({ hasText: /Chorus\s\d+\.\d+\.\d+\sactivating/ }).waitFor({ timeout: 30_000 });
  });
});
