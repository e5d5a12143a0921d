// The pages of the built site, as URL paths, found by walking dist/ (so a new page is tested by itself).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { builtSite } from './built-site.ts';
import { attr, findAll, hasClass, parseFile, type El } from './html.ts';

/** Every HTML file of the built site, with the URL path it is served at (`/tcp/x/`, `/404.html`). */
export function builtPages(dir = builtSite().dist): { file: string; path: string }[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name === '_astro' || e.name === 'pagefind' ? [] : walk(join(d, e.name))) : e.name.endsWith('.html') ? [join(d, e.name)] : [],
    );
  return walk(dir)
    .map((file) => {
      const rel = relative(dir, file).split('\\').join('/');
      return { file, path: '/' + (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel) };
    })
    .sort((x, y) => x.path.localeCompare(y.path));
}

/** Every scenario block of every built page: the page's path from dist/, the block's id, its element. */
export function scenarioBlocks(dir = builtSite().dist): { page: string; id: string; el: El }[] {
  return builtPages(dir).flatMap(({ file }) =>
    findAll(parseFile(file), (el) => el.tagName === 'section' && hasClass(el, 'scenario')).map((el) => ({
      page: relative(dir, file),
      id: attr(el, 'id')!,
      el,
    })),
  );
}
