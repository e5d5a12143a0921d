// The data every block reads: this build's observations and the contributed reports, from the
// `observations` content collection (validated with the contract's schema), and snippet sources.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCollection } from 'astro:content';
import type { Observations } from '../../observe/schema.ts';
import { SHOWN_EXTENSIONS, snippetFileProblem } from '../../observe/catalogue.ts';
import type { Report } from '../answer/scenario-view.ts';

/** This build's observations, the Node.js lens it observed on other Node releases, and every contributed report. */
export async function loadObservations(): Promise<{ observed: Observations; releases: Observations[]; reports: Report[] }> {
  const entries = await getCollection('observations');
  const observed = entries.find((e) => e.data.kind === 'observed');
  if (!observed) throw new Error("this build's observations are missing: run 'npm run build' (it observes first)");
  const releases = entries.filter((e) => e.data.kind === 'release').map((e) => e.data.observations);
  const reports = entries
    .filter((e) => e.data.kind === 'reported')
    .map((e) => ({ file: e.data.file, observations: e.data.observations }))
    .sort((x, y) => x.file.localeCompare(y.file));
  return { observed: observed.data.observations, releases, reports };
}

/** The text of a snippet file (or a Python or Ruby program), by its path from the project root; throws one line when it is not a plain file in snippets/ (a link, say). */
export function snippetSource(file: string): string {
  const path = join(process.cwd(), file);
  // From the working folder, as the path is: bundled for prerendering, this module's own location is not the project's.
  const problem = snippetFileProblem(path, join(process.cwd(), 'snippets'), SHOWN_EXTENSIONS);
  if (problem) throw new Error(`${file}: ${problem}`);
  return readFileSync(path, 'utf8');
}
