// Observation files contributed from other systems (reports/*.json): read and checked against the
// contract, here for the build's first step and for the site alike.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from './catalogue.ts';
import { parseObservations, type Observations } from './contract.ts';

/** Where contributed reports live; CLOSING_TIME_REPORTS points elsewhere (for tests). */
export function reportsDir(): string {
  return process.env.CLOSING_TIME_REPORTS ?? join(projectRoot, 'reports');
}

/** Every contributed report, validated; throws one line naming the file and the field at fault. */
export function loadReports(dir = reportsDir()): Observations[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseObservations(readFileSync(join(dir, f), 'utf8'), relative(projectRoot, join(dir, f))));
}
