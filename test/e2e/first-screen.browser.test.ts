// The home page's first screen in a real Chromium, on a laptop (1280×800) and a phone (390×844):
// the three rules are there whole, and the answer matrix starts on it; the matrix keeps its header
// row and situation column in view while it scrolls on the phone.
import { describe, expect, it } from 'vitest';
import { browserTestsRun, siteInChromium } from '../helpers/browser.ts';

const SCREENS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

describe.runIf(browserTestsRun)('the home page, first screen', () => {
  const site = siteInChromium();

  for (const screen of SCREENS) {
    it(`at ${screen.width}×${screen.height}: the three rules are whole on it, and the matrix starts on it`, async () => {
      const context = await site.browser.newContext({ viewport: screen });
      const page = await context.newPage();
      try {
        await page.goto(`${site.url}/`, { waitUntil: 'load' });
        const rules = await page.locator('.rules-short .rule').evaluateAll((els) =>
          els.map((el) => ({ outcome: el.getAttribute('data-outcome'), bottom: el.getBoundingClientRect().bottom, visible: (el as HTMLElement).offsetHeight > 0 })),
        );
        expect(rules.map((r) => r.outcome)).toEqual(['eof', 'econnreset', 'epipe']);
        for (const r of rules) expect(r.visible && r.bottom <= screen.height, `${r.outcome} ends at ${Math.round(r.bottom)} px`).toBe(true);
        const matrixTop = await page.locator('table.matrix').evaluate((el) => el.getBoundingClientRect().top);
        expect(matrixTop, 'the matrix starts below the first screen').toBeLessThan(screen.height);
      } finally {
        await context.close();
      }
    });
  }

  it('at 390 px the matrix scrolls in its box with its header row and situation column in place', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}/`, { waitUntil: 'load' });
      const wrap = page.locator('.matrix-wrap');
      await wrap.evaluate((el) => el.scrollBy(400, 300));
      const after = await page.evaluate(() => {
        const box = document.querySelector('.matrix-wrap')!;
        const head = document.querySelector('table.matrix thead th:nth-child(2)')!.getBoundingClientRect();
        const first = document.querySelector('table.matrix tbody th')!.getBoundingClientRect();
        const b = box.getBoundingClientRect();
        return { headTop: head.top - b.top, firstLeft: first.left - b.left, scrolled: [box.scrollLeft, box.scrollTop] };
      });
      expect(after.scrolled[0], 'the matrix does not scroll sideways at 390 px').toBeGreaterThan(0);
      expect(after.scrolled[1], 'the matrix does not scroll down in its box at 390 px').toBeGreaterThan(0);
      // Scrolled right and down, the header row still sits at the top of the box, and the situation column at its left.
      expect(Math.abs(after.headTop)).toBeLessThan(2);
      expect(Math.abs(after.firstLeft)).toBeLessThan(2);
    } finally {
      await context.close();
    }
  });
});
