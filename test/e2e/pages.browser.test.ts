// Every built page in a real Chromium, on a laptop (1280×800) and a phone (390×844): nothing wider
// than the screen (outside a scroll region), every scroll region reachable with the keyboard and
// named, at 1280 px no table hiding a column behind a scroll, no console error, and no serious or
// critical axe-core finding (the colours of code tokens are left to test/site/code-contrast.test.ts).
// The same visit checks what a page must show on its first screen (the home page's three rules and
// the start of the matrix, the matrix's fixed header and first column at 390 px; the question's
// observed values), so no page is loaded twice. One browser for the whole file, one context per screen.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { placements } from '../../observe/placements.ts';
import { pageOfFile } from '../../site/answer/links.ts';
import { outcomePages } from '../../site/answer/outcome-pages.ts';
import { outcomePath } from '../../site/answer/outcomes.ts';
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

/** The two screens of issue 17's readers. */
const SCREENS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const pages = builtPages();
const observed = loadBuiltObservations();

/** What must be where on a given page and screen, checked during that page's one visit; each returns its problems. */
const ON_PAGE: Record<string, (page: Page, screen: { width: number; height: number }, o: ReturnType<typeof loadBuiltObservations>) => Promise<string[]>> = {
  // The home page: the three rules whole on the first screen, and the matrix starting on it; at
  // 390 px the matrix scrolls in its box with its header row and situation column in place.
  '/': async (page, screen) => {
    const problems: string[] = [];
    const rules = await page.locator('.rules-short .rule').evaluateAll((els) =>
      els.map((el) => ({ outcome: el.getAttribute('data-outcome'), bottom: el.getBoundingClientRect().bottom, visible: (el as HTMLElement).offsetHeight > 0 })),
    );
    if (rules.map((r) => r.outcome).join() !== 'eof,econnreset,epipe') problems.push(`the rules are ${rules.map((r) => r.outcome).join(', ')}`);
    for (const r of rules) if (!r.visible || r.bottom > screen.height) problems.push(`the rule ${r.outcome} ends at ${Math.round(r.bottom)} px, below the first screen`);
    const matrixTop = await page.locator('table.matrix').evaluate((el) => el.getBoundingClientRect().top);
    if (matrixTop >= screen.height) problems.push(`the matrix starts at ${Math.round(matrixTop)} px, below the first screen`);
    if (screen.width > 400) return problems;
    await page.locator('.matrix-wrap').evaluate((el) => el.scrollBy(400, 300));
    const after = await page.evaluate(() => {
      const box = document.querySelector('.matrix-wrap')!;
      const head = document.querySelector('table.matrix thead th:nth-child(2)')!.getBoundingClientRect();
      const first = document.querySelector('table.matrix tbody th')!.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      return { headTop: head.top - b.top, firstLeft: first.left - b.left, scrolled: [box.scrollLeft, box.scrollTop] };
    });
    if (!(after.scrolled[0]! > 0 && after.scrolled[1]! > 0)) problems.push(`the matrix did not scroll in its box (${after.scrolled.join(', ')})`);
    // Scrolled right and down, the header row still sits at the top of the box, and the situation column at its left.
    if (Math.abs(after.headTop) >= 2) problems.push(`scrolled, the matrix's header row is ${Math.round(after.headTop)} px from the top of its box`);
    if (Math.abs(after.firstLeft) >= 2) problems.push(`scrolled, the matrix's situation column is ${Math.round(after.firstLeft)} px from the left of its box`);
    return problems;
  },
  // The question: a block shows each observed value, and its reported badge.
  '/the-question/': async (page, _screen, o) => {
    const id = 'tcp/peer-closed-unread-then-read';
    const block = page.locator(`section[data-scenario="${id}"]`);
    const values = await block.locator('.observed-value').allInnerTexts();
    const expected = o.scenarios.find((s) => s.id === id)!.calls.map((c) => String(c.result));
    const problems = values.join() === expected.join() ? [] : [`${id} shows ${values.join(', ')}, observed ${expected.join(', ')}`];
    if (!(await block.locator('.badge.reported').first().isVisible())) problems.push(`${id}: its reported badge is not visible`);
    return problems;
  },
};

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
  // One browser context per screen, shared by its visits (each a page of its own): a context per
  // visit started a renderer process per visit, and the crawl took 121 s on two cores where one
  // context per screen takes 80-88 s. The pages change nothing a context keeps (no storage, no
  // cookies), so a shared one shows each page as a fresh one would.
  const contexts = new Map<number, Promise<BrowserContext>>();
  const contextFor = (screen: { width: number; height: number }) => {
    if (!contexts.has(screen.width)) contexts.set(screen.width, site.browser.newContext({ viewport: screen }));
    return contexts.get(screen.width)!;
  };
  afterAll(async () => {
    for (const c of contexts.values()) await (await c).close();
  });

  it('tests every chapter and every errno page', () => {
    const chapters = placements().map((p) => pageOfFile(p.file));
    const errnoPages = outcomePages(observed, [], new Map()).map((o) => outcomePath(o.slug));
    expect(pages.map((p) => p.path)).toEqual(expect.arrayContaining([...new Set([...chapters, ...errnoPages, '/', '/errors/'])]));
  });

  // Pages load side by side in the one browser (the e2e project's maxConcurrency bounds how many).
  for (const screen of SCREENS) {
    const { width } = screen;
    it.concurrent.for(pages.map((p) => p.path))(`%s at ${width}×${screen.height}: fits, scroll regions reachable, no console error, no serious axe finding`, async (path, { expect }) => {
      const page = await (await contextFor(screen)).newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        // A loaded machine (load average 40 on two cores) took over 30 s, the default, for the first pages.
        const response = await page.goto(`${site.url}${path}`, { waitUntil: 'load', timeout: 120_000 });
        expect(response?.status(), `${path} answered ${response?.status()}`).toBe(200);
        expect(await layoutProblems(page, width >= 1280)).toEqual([]);
        expect(await (ON_PAGE[path]?.(page, screen, observed) ?? Promise.resolve([]))).toEqual([]);
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async ({ disabled }) => {
          type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };
          const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
          // @ts-expect-error axe is the global the script above defines
          const run = async (context: unknown, options: object): Promise<Violation[]> => (await axe.run(context, { resultTypes: ['violations'], ...options })).violations;
          // Every rule on the whole page at both widths, but for the colours of code tokens: those are
          // checked for every page in both themes at once by test/site/code-contrast.test.ts (axe sees
          // only the light theme), and they were most of axe's colour-contrast work. Line numbers,
          // titles and buttons of code blocks are still checked here.
          const found = [
            ...(await run(document, { rules: { ...rules, 'color-contrast': { enabled: false } } })),
            ...(await run({ exclude: [['.expressive-code .ec-line .code']] }, { runOnly: ['color-contrast'] })),
          ];
          return found
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
        }, { disabled: Object.keys(UPSTREAM_EXCLUSIONS) });
        expect(violations).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
