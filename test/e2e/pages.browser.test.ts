// Every built page in a real Chromium, at 1280 px and at 390 px wide: nothing wider than the screen
// (outside a scroll region), every scroll region reachable with the keyboard and named, at 1280 px
// no table hiding a column behind a scroll, no console error, and no serious or critical axe-core
// finding (at 390 px, code blocks' colours are left to the 1280 px run: see below). One browser
// for the whole file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { placements } from '../../observe/placements.ts';
import { pageOfFile } from '../../site/components/links.ts';
import { outcomePages } from '../../site/components/outcome-pages.ts';
import { outcomePath } from '../../site/components/outcomes.ts';
import { loadBuiltObservations } from '../helpers/built-site.ts';
import { builtPages } from '../helpers/pages.ts';
import { browserTestsRun, siteInChromium } from '../helpers/browser.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core findings inside Starlight itself that this site cannot fix, by rule id only, each with
 * where upstream it comes from.
 */
const UPSTREAM_EXCLUSIONS: Record<string, string> = {
  // Starlight's search button is named "Search" (aria-label) but also shows the shortcut "Ctrl K"
  // as text, so its visible text is not part of its name (WCAG 2.5.3). The markup is Starlight's,
  // chosen in https://github.com/withastro/starlight/pull/2025 (for issue
  // https://github.com/withastro/starlight/issues/1950); only Starlight's Search.astro can change it.
  'label-content-name-mismatch': 'https://github.com/withastro/starlight/pull/2025',
};

const WIDTHS = [1280, 390];
const pages = builtPages();

/**
 * What a page shows that breaks the layout rules: elements past the right edge, scroll regions the
 * keyboard cannot reach, and (where `tablesFit`, on a wide screen) a table wider than its box, whose
 * last columns a reader would have to scroll to.
 */
async function layoutProblems(page: Page, tablesFit: boolean): Promise<string[]> {
  return page.evaluate((tablesFit) => {
    const problems: string[] = [];
    const vw = document.documentElement.clientWidth;
    const describe = (el: Element) =>
      `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${el.className && typeof el.className === 'string' ? ` class="${el.className.slice(0, 60)}"` : ''}>`;
    const hidden = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden') return true;
      }
      return false;
    };
    if (document.documentElement.scrollWidth > vw + 1) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in ${vw} px`);
    // Content that reaches past the right edge: text, tables, code, images. Past the edge is fine
    // only inside a scroll region (checked below); cut off by overflow: hidden it is lost.
    const content = (el: Element) =>
      ['TABLE', 'PRE', 'IMG', 'SVG', 'VIDEO', 'CANVAS', 'IFRAME', 'INPUT'].includes(el.tagName.toUpperCase()) ||
      [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    const srOnly = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const r = e.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || !content(el)) continue;
      // The nearest ancestor that clips: a scroll region (fine if it is within the screen; it is
      // checked below), or overflow: hidden / clip, which must not cut the content off.
      let scroller: Element | null = null;
      let clipper: Element | null = null;
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const ox = getComputedStyle(a).overflowX;
        if (ox === 'auto' || ox === 'scroll') {
          scroller = a;
          break;
        }
        if (ox === 'hidden' || ox === 'clip') {
          clipper = a;
          break;
        }
      }
      const cut = clipper !== null && r.right > clipper.getBoundingClientRect().right + 1;
      const past = r.right > vw + 1 && !(scroller && scroller.getBoundingClientRect().right <= vw + 1);
      if ((!cut && !past) || hidden(el) || srOnly(el)) continue;
      problems.push(`${describe(el)} "${(el.textContent ?? '').trim().slice(0, 40)}" ${cut ? `is cut off by ${describe(clipper!)}` : `reaches ${Math.round(r.right)} px in a ${vw} px screen`}`);
    }
    for (const el of document.body.querySelectorAll('*')) {
      const s = getComputedStyle(el);
      if (!['auto', 'scroll'].includes(s.overflowX) || el.scrollWidth <= el.clientWidth + 1 || hidden(el)) continue;
      const reachable = (el as HTMLElement).tabIndex >= 0 || el.querySelector('a[href], button, input, select, textarea, [tabindex="0"]') !== null;
      const named = el.getAttribute('role') === 'region' && !!el.getAttribute('aria-label');
      if (!reachable || !named) problems.push(`${describe(el)} scrolls sideways (${el.scrollWidth} px in ${el.clientWidth} px) but is ${reachable ? '' : 'not keyboard-reachable, '}${named ? '' : 'not a named region'}`);
    }
    if (tablesFit) {
      for (const table of document.body.querySelectorAll('table')) {
        if (hidden(table)) continue;
        let box: Element | null = table.parentElement;
        while (box && box !== document.body && !['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
        if (!box || box === document.body) continue;
        if (box.scrollWidth > box.clientWidth + 1) {
          const head = [...table.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim()).slice(-1)[0] ?? '';
          problems.push(`${describe(table)} is ${box.scrollWidth} px wide in a ${box.clientWidth} px box: its last column ("${head.slice(0, 30)}") is hidden behind a scroll`);
        }
      }
    }
    return problems.slice(0, 20);
  }, tablesFit);
}

describe.runIf(browserTestsRun)('every page in Chromium', () => {
  const site = siteInChromium();

  it('tests every chapter and every errno page', () => {
    const chapters = placements().map((p) => pageOfFile(p.file));
    const errnoPages = outcomePages(loadBuiltObservations(), [], new Map()).map((o) => outcomePath(o.slug));
    expect(pages.map((p) => p.path)).toEqual(expect.arrayContaining([...new Set([...chapters, ...errnoPages, '/', '/errors/'])]));
  });

  // Pages load side by side in the one browser (the e2e project's maxConcurrency bounds how many).
  for (const width of WIDTHS) {
    it.concurrent.for(pages.map((p) => p.path))(`%s at ${width} px: fits, scroll regions reachable, no console error, no serious axe finding`, async (path, { expect }) => {
      const context = await site.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        const response = await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
        expect(response?.status(), `${path} answered ${response?.status()}`).toBe(200);
        expect(await layoutProblems(page, width >= 1280)).toEqual([]);
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async ({ disabled, wide }) => {
          type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };
          const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
          // @ts-expect-error axe is the global the script above defines
          const run = async (context: unknown, options: object): Promise<Violation[]> => (await axe.run(context, { resultTypes: ['violations'], ...options })).violations;
          // Every rule on the whole page at 1280 px. At 390 px too, but for the contrast of code
          // blocks: their colours are the highlighting theme's, the same at every width, and they
          // hold two thirds of the page's text nodes (checked at 1280 px; only their scrolling
          // changes with the width, and that is checked at both).
          const found = wide
            ? await run(document, { rules })
            : [
                ...(await run(document, { rules: { ...rules, 'color-contrast': { enabled: false } } })),
                ...(await run({ exclude: [['.expressive-code']] }, { runOnly: ['color-contrast'] })),
              ];
          return found
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
        }, { disabled: Object.keys(UPSTREAM_EXCLUSIONS), wide: width >= 1280 });
        expect(violations).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
