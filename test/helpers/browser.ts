// Debian's Chromium, driven by playwright-core, for the e2e tests; and the site served from dist/.
// Skipped with a how-to line only when Chromium is missing and CI is not set; under CI=true a
// missing Chromium fails.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveDist } from './static-server.ts';

/** Where Chromium is expected. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Whether the e2e tests run here: Chromium is there, or CI insists (and then fails without it). */
export const browserTestsRun = existsSync(CHROMIUM) || !!process.env.CI;
if (!browserTestsRun) {
  console.warn(`e2e skipped: no Chromium at ${CHROMIUM}; install it with 'apt-get install chromium' (or set CHROMIUM_PATH)`);
}

/** A browser and the built site on 127.0.0.1; close() ends both. */
export async function openSite(): Promise<{ browser: Browser; url: string; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`CI is set but there is no Chromium at ${CHROMIUM}: .ci/run installs Debian's chromium`);
  const site = await serveDist();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  return {
    browser,
    url: site.url,
    close: async () => {
      await browser.close();
      await site.close();
    },
  };
}

/** Opens the built site in Chromium before the tests of the calling describe block and closes both after them; read `.browser` and `.url` in a test. */
export function siteInChromium(): { browser: Browser; url: string } {
  const site = {} as { browser: Browser; url: string; close?: () => Promise<void> };
  beforeAll(async () => {
    Object.assign(site, await openSite());
  });
  afterAll(async () => {
    await site.close?.();
  });
  return site;
}
