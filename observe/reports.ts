// Observation files contributed from other systems (reports/*.json): read and checked against the
// contract, for the build's first step and for the site's content collection alike.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from './catalogue.ts';
import { parseObservations, type Observations } from './schema.ts';

/** One contributed report: its path from the project root, and what it says. */
export interface ReportFile {
  file: string;
  observations: Observations;
}

/** Where contributed reports live; CLOSING_TIME_REPORTS points elsewhere (for tests). */
export function reportsDir(root = projectRoot): string {
  return process.env.CLOSING_TIME_REPORTS ?? join(root, 'reports');
}

/** Every contributed report, validated; throws one line naming the file and the JSON path at fault. */
export function loadReports(dir = reportsDir(), root = projectRoot): ReportFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = relative(root, join(dir, f));
      return { file, observations: parseObservations(readFileSync(join(dir, f), 'utf8'), file) };
    });
}
