// Global setup for the site and e2e tests: they read dist/, so build it if it is not there; and
// the observations that build used, validated against the contract.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../../observe/catalogue.ts';
import { parseObservations, type Observations } from '../../observe/schema.ts';

/** Where the build writes the observations it used. */
export const BUILT_OBSERVATIONS = join(projectRoot, 'site/generated/observations.json');

/** The observations the built site shows. */
export function loadBuiltObservations(): Observations {
  return parseObservations(readFileSync(BUILT_OBSERVATIONS, 'utf8'), 'site/generated/observations.json');
}

/** The observations of the Node.js lens on other Node releases that the built site shows (none after a plain build). */
export function loadBuiltReleases(): Observations[] {
  const dir = join(dirname(BUILT_OBSERVATIONS), 'releases');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => parseObservations(readFileSync(join(dir, f), 'utf8'), `site/generated/releases/${f}`));
}

/** Builds the site once when dist/ or this build's observations are missing. */
export default function setup(): void {
  const built = ['dist/the-question/index.html', 'site/generated/observations.json'].every((f) => existsSync(join(projectRoot, f)));
  if (built) return;
  console.log('dist/ is missing: running npm run build first');
  const r = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed; the site tests need a built site');
}
