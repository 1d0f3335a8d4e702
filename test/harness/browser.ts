import { type Browser, chromium } from 'playwright-core';
import { chromiumPath } from './systemPackages';

/**
 * Debian's Chromium, headless, with the flags that keep it from reaching for the network these
 * machines do not have (never a browser downloaded by Playwright).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}
