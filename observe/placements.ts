// Where the chapters place scenarios: every `<Scenario id="…">` and every id in a `<Summary ids={[…]}>`
// in content/. The build checks them before Astro runs, so a misspelt id fails in one line.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { closestIds, projectRoot } from './catalogue.ts';

/** One id placed on a page, with the file and line that place it. */
export interface Placement {
  id: string;
  file: string;
  line: number;
  /** A scenario block (`<Scenario>`, an anchor with the id), or a row of a `<Summary>`. */
  kind: 'block' | 'summary';
  /** A block that hides its results behind questions. */
  predict: boolean;
}

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? mdxFiles(join(dir, d.name)) : /\.mdx?$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

/** Where the chapters are; CLOSING_TIME_CONTENT points elsewhere (for tests). */
export function contentDir(): string {
  return process.env.CLOSING_TIME_CONTENT ?? join(projectRoot, 'content');
}

/** Every scenario id the chapters place, in file order; `root` is what `file` is relative to. */
export function placements(dir = contentDir(), root = projectRoot): Placement[] {
  return mdxFiles(dir).flatMap((path) => {
    const file = relative(root, path);
    const text = readFileSync(path, 'utf8');
    const lineAt = (index: number) => text.slice(0, index).split('\n').length;
    const found: Placement[] = [];
    for (const m of text.matchAll(/<Scenario\s[^>]*?\bid="([^"]+)"[^>]*?\/?>/g)) {
      found.push({ id: m[1], file, line: lineAt(m.index), kind: 'block', predict: /\spredict\b/.test(m[0]) });
    }
    for (const block of text.matchAll(/<Summary\b[\s\S]*?\/>/g)) {
      for (const m of block[0].matchAll(/'([^']+)'|"([^"]+)"/g)) {
        found.push({ id: m[1] ?? m[2], file, line: lineAt(block.index + m.index), kind: 'summary', predict: false });
      }
    }
    return found.sort((x, y) => x.line - y.line);
  });
}

/** One line for each placed id that has no snippet, naming the page, the line and the closest ids. */
export function misplaced(known: string[], dir?: string): string[] {
  return placements(dir)
    .filter((p) => !known.includes(p.id))
    .map((p) => `${p.file}:${p.line}: places '${p.id}', which has no snippet; closest: ${closestIds(p.id, known).join(', ')}`);
}
