// Observation files contributed from other systems (reports/*.json): read and checked against the
// contract, for the build's first step and for the site's content collection alike. A report may
// add a column of its own to scenarios that exist, for a system other than the build's; each id
// once. (It never makes a page of its own: see site/answer/outcome-pages.ts.) Only plain
// files are read: a link or a folder there is refused by name before anything is opened, and so
// is a file over the size cap.
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { release } from 'node:os';
import { join, relative } from 'node:path';
import { projectRoot } from './catalogue.ts';
import { parseObservations, type Observations } from './schema.ts';

/** The largest report read, in bytes: a real one is a few hundred KiB. */
export const REPORT_MAX_BYTES = 5 * 1024 * 1024;

/** One contributed report: its path from the project root, and what it says. */
export interface ReportFile {
  file: string;
  observations: Observations;
}

/** Where contributed reports live; CLOSING_TIME_REPORTS points elsewhere (for tests). */
export function reportsDir(root = projectRoot): string {
  return process.env.CLOSING_TIME_REPORTS ?? join(root, 'reports');
}

/** The text of a report that is a plain file within the size cap; throws one line naming it. */
function readReport(path: string, name: string): string {
  const kind = lstatSync(path);
  if (kind.isSymbolicLink()) throw new Error(`${name}: is a symbolic link; a report must be a plain file`);
  if (!kind.isFile()) throw new Error(`${name}: is not a plain file; a report must be one`);
  // O_NOFOLLOW: a link put in its place since the check above is refused too.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const size = fstatSync(fd).size;
    if (size > REPORT_MAX_BYTES) throw new Error(`${name}: ${size} bytes, over the ${REPORT_MAX_BYTES}-byte cap for a report`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Every contributed report, validated; throws one line naming the file and the JSON path at fault.
 * With `knownIds`, a report of a scenario that does not exist is an error naming the file and the id.
 */
export function loadReports(dir = reportsDir(), root = projectRoot, knownIds?: string[], here: System = thisSystem()): ReportFile[] {
  if (!existsSync(dir)) return [];
  const known = knownIds && new Set(knownIds);
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.json'))
    .sort()
    .map((f) => {
      const file = relative(root, join(dir, f));
      if (!f.endsWith('.json')) throw new Error(`${file}: a report's name ends in '.json', in lowercase`);
      let observations: Observations;
      try {
        observations = parseObservations(readReport(join(dir, f), file), file);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw code ? new Error(`${file}: cannot read it (${code})`) : e;
      }
      const { os, release: itsRelease } = observations.provenance;
      if (os === here.os && itsRelease === here.release) {
        throw new Error(`${file}: $.provenance: ${os} ${itsRelease} is the system this build runs on; what it does is observed here, not reported`);
      }
      const first = new Map<string, number>();
      for (const [i, s] of observations.scenarios.entries()) {
        if (known && !known.has(s.id)) throw new Error(`${file}: $.scenarios[${i}].id: no scenario '${s.id}' in snippets/`);
        if (first.has(s.id)) throw new Error(`${file}: $.scenarios[${i}].id: '${s.id}' again (first at $.scenarios[${first.get(s.id)}])`);
        first.set(s.id, i);
      }
      return { file, observations };
    });
}

/** A system, as provenance names it. */
export interface System {
  os: string;
  release: string;
}

/** The system this process runs on. */
export function thisSystem(): System {
  return { os: process.platform, release: release() };
}
