// The scenarios there are: one snippet file per id, `snippets/<transport>/<situation>.ts`.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
/** The folder that holds the snippets. */
export const snippetsDir = join(projectRoot, 'snippets');

/** Every scenario id, sorted: one per `.ts` file under snippets/, the lab excluded. */
export function scenarioIds(dir = snippetsDir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'lab')
    .flatMap((d) =>
      readdirSync(join(dir, d.name))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `${d.name}/${f.slice(0, -3)}`),
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
