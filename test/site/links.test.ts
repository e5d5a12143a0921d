// Every internal link and anchor of the built site leads somewhere: each href that stays on the
// site names a file dist/ has, and each #fragment names an element id on that page. Read from dist/
// with a real HTML parser, so a new page or a new link is checked by itself. (That every chapter has
// a page: pages.test.ts.)
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attr, findAll, parseFile } from '../helpers/html.ts';
import { builtSite } from '../helpers/built-site.ts';
import { builtPages } from '../helpers/pages.ts';

const { dist } = builtSite();

const SITE = 'https://closing-time.example';
const pages = builtPages();
const parsed = new Map(pages.map((p) => [p.path, parseFile(p.file)]));
const idsOf = new Map([...parsed].map(([path, doc]) => [path, new Set(findAll(doc, () => true).map((el) => attr(el, 'id')).filter((x): x is string => !!x))]));

/** The file a site path is served from, or undefined. */
function fileOf(path: string): string | undefined {
  const file = join(dist, decodeURIComponent(path));
  if (existsSync(file) && statSync(file).isFile()) return file;
  if (existsSync(join(file, 'index.html'))) return join(file, 'index.html');
  return undefined;
}

/** Every internal link of a page: its href, and where it points (path and fragment). */
function linksOf(pagePath: string): { href: string; path: string; hash: string }[] {
  const doc = parsed.get(pagePath)!;
  return findAll(doc, (el) => el.tagName === 'a' && attr(el, 'href') !== undefined).flatMap((el) => {
    const href = attr(el, 'href')!;
    const url = new URL(href, `${SITE}${pagePath}`);
    if (url.origin !== SITE) return [];
    return [{ href, path: url.pathname, hash: decodeURIComponent(url.hash.slice(1)) }];
  });
}

describe('internal links and anchors', () => {
  it.each(pages.map((p) => p.path))('%s: every internal link and anchor resolves', (pagePath) => {
    const broken: string[] = [];
    for (const link of linksOf(pagePath)) {
      const file = fileOf(link.path);
      if (!file) {
        broken.push(`${link.href}: no such page in dist/`);
        continue;
      }
      if (!link.hash) continue;
      const target = pages.find((p) => p.file === file);
      if (!target) continue; // a non-HTML file (a snippet's source) has no anchors to check
      if (!idsOf.get(target.path)!.has(link.hash)) broken.push(`${link.href}: no element with id "${link.hash}" on ${target.path}`);
    }
    expect(broken).toEqual([]);
  });
});
