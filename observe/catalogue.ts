// The scenarios there are: one snippet file per id, `snippets/<transport>/<situation>.ts`.
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
/** The folder that holds the snippets. */
export const snippetsDir = join(projectRoot, 'snippets');

/** The files a page may show from snippets/: the scenarios, and the Python and Ruby programs. */
export const SHOWN_EXTENSIONS = ['.ts', '.py', '.rb'];

/**
 * Why `file` cannot be a snippet, or undefined when it can: a snippet is a plain `.ts` file (or one
 * of `extensions`) (not a link, a folder, a FIFO or a device) inside `dir` (snippets/, or the folder
 * a test names), so what is observed and published is the tree's own text.
 */
export function snippetFileProblem(file: string, dir = snippetsDir, extensions = ['.ts']): string | undefined {
  let kind;
  try {
    kind = lstatSync(file);
  } catch (e) {
    return `cannot read it (${(e as NodeJS.ErrnoException).code})`;
  }
  if (kind.isSymbolicLink()) return 'is a symbolic link; a snippet must be a plain file in the tree';
  if (!kind.isFile()) return 'is not a plain file; a snippet must be one';
  if (!extensions.some((e) => file.endsWith(e))) return `is not a ${extensions.join(' or ')} file`;
  const inside = relative(realpathSync(dir), realpathSync(file));
  if (inside.startsWith('..') || isAbsolute(inside)) return `is not in ${relative(projectRoot, dir) || dir}/`;
  return undefined;
}

/** Every scenario id, sorted: one per `.ts` file under snippets/, the lab excluded; throws one line naming a file that cannot be a snippet. */
export function scenarioIds(dir = snippetsDir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'lab')
    .flatMap((d) =>
      readdirSync(join(dir, d.name))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => {
          const problem = snippetFileProblem(join(dir, d.name, f), dir);
          if (problem) throw new Error(`${relative(projectRoot, join(dir, d.name, f))}: ${problem}`);
          return `${d.name}/${f.slice(0, -3)}`;
        }),
    )
    .sort();
}

/** The snippet file of an id. */
export function fileOf(id: string): string {
  return join(snippetsDir, `${id}.ts`);
}

/** The id of a snippet file. */
export function idOf(file: string): string {
  return relative(snippetsDir, file).replace(/\.ts$/, '');
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** The known ids closest to an unknown one, nearest first. */
export function closestIds(unknown: string, known: string[], howMany = 3): string[] {
  return [...known].sort((x, y) => distance(unknown, x) - distance(unknown, y)).slice(0, howMany);
}
