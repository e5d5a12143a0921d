// What a reader does on a chapter, in a real Chromium (Debian's package, driven by playwright-core):
// opens a predict answer without JavaScript, follows a scenario's permalink. (That every page loads
// without console errors and shows its values is checked in pages.browser.test.ts.) Skipped with a
// how-to line only when Chromium is missing and CI is not set; under CI=true a missing Chromium fails.
import { describe, expect, it } from 'vitest';
import { loadBuiltObservations } from '../helpers/built-site.ts';
import { browserTestsRun, siteInChromium } from '../helpers/browser.ts';


describe.runIf(browserTestsRun)('the chapter in Chromium', () => {
  const site = siteInChromium();
  const observed = loadBuiltObservations();

  it('a predict-then-look answer opens on demand, without JavaScript', async () => {
    const page = await site.browser.newPage({ javaScriptEnabled: false });
    await page.goto(`${site.url}/tcp/abortive-close/`);
    const id = 'tcp/peer-closed-unread-then-read';
    const answers = page.locator(`section[data-scenario="${id}"] ol.predict details`);
    const read = answers.filter({ hasText: /What will a\.read\(\) \(line \d+\) return\?/ }).first();
    expect(await read.locator('.observed-value').isVisible()).toBe(false);
    await read.locator('summary').click();
    const expected = observed.scenarios.find((s) => s.id === id)!.calls.find((c) => c.code === 'a.read()')!.result;
    expect(await read.locator('.observed-value').innerText()).toBe(String(expected));
    await page.close();
  });

  it('a scenario permalink scrolls its block into view', async () => {
    const page = await site.browser.newPage();
    const id = 'unix-stream/peer-closed-unread-then-write';
    await page.goto(`${site.url}/the-question/#${id}`);
    await expect.poll(() => page.locator(`section[id="${id}"]`).isVisible(), { timeout: 15_000 }).toBe(true);
    const top = await page.locator(`section[id="${id}"]`).evaluate((el) => el.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(200);
    await page.close();
  });
});
