// Reader pages speak to readers: none of the phrases that described how the site is built (found
// on the built pages by the readers who tried it, issue 17) is left in any page's text.
import { describe, expect, it } from 'vitest';
import { builtPages } from '../helpers/pages.ts';
import { findAll, parseFile, textOf } from '../helpers/html.ts';

/** Builder wording, each with what a reader saw it in. */
const BUILDER_WORDING: { phrase: RegExp; seen: string }[] = [
  { phrase: /the snippet claims/i, seen: "every predict answer: 'the snippet claims linux: 5: the claim holds'" },
  { phrase: /the claim holds/i, seen: 'predict answers' },
  { phrase: /darwin:\s*—\s*reported/i, seen: 'a predict answer with nothing reported for darwin' },
  { phrase: /calls that gave it, by kind/i, seen: "errno pages: 'request 1, event 3, write 7'" },
  { phrase: /adds its calls here by itself/i, seen: 'the errno index' },
  { phrase: /no scenario yet/i, seen: '30 matrix cells' },
  { phrase: /a snippet's claim/i, seen: "every block's legend: 'a snippet's claim for another system'" },
];

/** A page's text as a reader gets it: the body without scripts, styles and screen-reader-only asides kept (they are read too). */
function pageText(file: string): string {
  const doc = parseFile(file);
  const body = findAll(doc, (el) => el.tagName === 'main')[0];
  if (!body) return '';
  const scripts = new Set(findAll(body, (el) => el.tagName === 'script' || el.tagName === 'style'));
  const strip = (node: Parameters<typeof textOf>[0]): string =>
    'tagName' in node && scripts.has(node as never) ? '' : node.nodeName === '#text' ? textOf(node) : 'childNodes' in node ? node.childNodes.map(strip).join('') : '';
  return strip(body).replace(/\s+/g, ' ');
}

describe('reader pages', () => {
  const pages = builtPages();
  it.each(pages.map((p) => [p.path, p.file] as const))('%s has no builder wording', (_, file) => {
    const text = pageText(file);
    const found = BUILDER_WORDING.filter((w) => w.phrase.test(text)).map((w) => `${w.phrase} (was in ${w.seen})`);
    expect(found).toEqual([]);
  });
});
