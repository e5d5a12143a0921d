// Where a scenario can be read: the page whose block carries its anchor. Worked out from where the
// chapters place each id (observe/placements.ts), never typed, so a new chapter's blocks are linked
// from the matrix and the errno index by themselves.
import { join } from 'node:path';
import { placements, type Placement } from '../../observe/placements.ts';

/** The URL path of the page a content file is built to: `content/tcp/x.mdx` → `/tcp/x/`, `content/index.mdx` → `/`. */
export function pageOfFile(file: string): string {
  const path = file.replace(/^content\//, '').replace(/\.mdx?$/, '').replace(/(^|\/)index$/, '');
  return path ? `/${path}/` : '/';
}

/**
 * The page each scenario is read on: the first block that shows its results openly, else the first
 * block at all (a predict block). Summaries do not count: they carry no anchor.
 */
export function homePages(placed: Placement[]): Map<string, string> {
  const blocks = placed.filter((p) => p.kind === 'block');
  const home = new Map<string, string>();
  for (const p of [...blocks.filter((b) => !b.predict), ...blocks.filter((b) => b.predict)]) {
    if (!home.has(p.id)) home.set(p.id, pageOfFile(p.file));
  }
  return home;
}

/** The link to a scenario's block: `#id` on the page that shows it, else its home page; undefined when no page places it. */
export function scenarioHref(id: string, home: Map<string, string>, here?: string, onThisPage: Set<string> = new Set()): string | undefined {
  if (here !== undefined && onThisPage.has(id)) return `#${id}`;
  const page = home.get(id);
  return page === undefined ? undefined : `${page}#${id}`;
}

/** The ids placed in blocks on the page built from each content file, by page path. */
export function blocksByPage(placed: Placement[]): Map<string, Set<string>> {
  const byPage = new Map<string, Set<string>>();
  for (const p of placed.filter((x) => x.kind === 'block')) {
    const page = pageOfFile(p.file);
    byPage.set(page, (byPage.get(page) ?? new Set()).add(p.id));
  }
  return byPage;
}

/** Every placement in content/, read at build time from the project root (Astro runs from there). */
export function loadPlacements(root = process.cwd()): Placement[] {
  return placements(join(root, 'content'), root);
}
