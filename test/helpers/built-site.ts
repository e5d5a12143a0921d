// Global setup for the site and e2e tests: the site they read is built from the sources as they are
// now, never an older one, and never by writing into the checkout. If dist/ carries the fingerprint
// of the current sources (npm run build writes it), they read dist/; otherwise the current sources
// are built once, into a temporary folder of their own (kept for the next run with the same
// sources), and they read that.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { buildPaths } from '../../observe/build-paths.ts';
import { projectRoot } from '../../observe/catalogue.ts';
import { parseObservations, type Observations } from '../../observe/schema.ts';
import { SOURCES_STAMP, sourcesFingerprint } from '../../scripts/sources.ts';

/** The built site the tests read: its folder, and the observations it was built with. */
export interface BuiltSite {
  dist: string;
  observations: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    site: BuiltSite;
  }
}

/** The site this test run reads (in a test file of the site or e2e project). */
export function builtSite(): BuiltSite {
  return inject('site');
}

/** The observations the built site shows. */
export function loadBuiltObservations(): Observations {
  const { observations } = builtSite();
  return parseObservations(readFileSync(observations, 'utf8'), relative(projectRoot, observations));
}

/** The observations of the Node.js lens on other Node releases that the built site shows (none after a plain build). */
export function loadBuiltReleases(): Observations[] {
  const dir = join(dirname(builtSite().observations), 'releases');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => parseObservations(readFileSync(join(dir, f), 'utf8'), relative(projectRoot, join(dir, f))));
}

/** The fingerprint a built site carries, or undefined. */
function stampOf(dist: string): string | undefined {
  const file = join(dist, SOURCES_STAMP);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** Where this checkout's test builds go: one folder per fingerprint of the sources. */
function testBuildsPrefix(): string {
  return `closing-time-site-${createHash('sha256').update(projectRoot).digest('hex').slice(0, 8)}-`;
}

/** Finds or makes the site built from the current sources, and hands it to the tests. */
export default function setup(project: TestProject): void {
  const now = sourcesFingerprint(projectRoot);
  const checkout = buildPaths(projectRoot, {});
  if (stampOf(checkout.dist) === now && existsSync(checkout.observations)) {
    project.provide('site', { dist: checkout.dist, observations: checkout.observations });
    return;
  }
  const prefix = testBuildsPrefix();
  // npm test (scripts/test.ts) names where builds outlive its run; TMPDIR is its run's own folder.
  const builds = process.env.CLOSING_TIME_TEST_BUILDS ?? tmpdir();
  const dir = join(builds, prefix + now);
  if (stampOf(join(dir, 'dist')) !== now) {
    console.log(`dist/ is ${existsSync(checkout.dist) ? 'older than its sources' : 'missing'}: building the current sources into ${dir} for the site tests`);
    // Older test builds of this checkout go; the new one is made aside and renamed into place whole.
    for (const old of readdirSync(builds).filter((d) => d.startsWith(prefix) && d !== prefix + now)) rmSync(join(builds, old), { recursive: true, force: true });
    // Made in the run's TMPDIR, so a run killed while building leaves nothing the next run would not remove.
    const partial = mkdtempSync(join(tmpdir(), 'closing-time-partial-site-'));
    const r = spawnSync(process.execPath, [join(projectRoot, 'scripts/build.ts')], {
      cwd: projectRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, CLOSING_TIME_BUILD_DIR: partial },
    });
    if (r.status !== 0) {
      rmSync(partial, { recursive: true, force: true });
      throw new Error(`building the current sources for the site tests failed:\n${r.stderr}`);
    }
    rmSync(join(partial, 'cache'), { recursive: true, force: true });
    try {
      renameSync(partial, dir);
    } catch {
      if (stampOf(join(dir, 'dist')) !== now) {
        // Not movable (another file system): this run reads it where it is, and it goes with the run.
        project.provide('site', { dist: join(partial, 'dist'), observations: join(partial, 'observations.json') });
        return;
      }
      rmSync(partial, { recursive: true, force: true }); // another project of this run made it first
    }
  }
  project.provide('site', { dist: join(dir, 'dist'), observations: join(dir, 'observations.json') });
}
