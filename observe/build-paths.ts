// Where a build writes: this build's observations, those of other Node releases, the site, and
// Astro's content cache. By default inside the checkout (site/generated/, dist/); with
// CLOSING_TIME_BUILD_DIR, all of them in that folder, so a test can build the site from the current
// sources without touching the checkout.
import { join } from 'node:path';
import { projectRoot } from './catalogue.ts';

/** The places a build writes, as absolute paths; `cache` is Astro's default when undefined. */
export interface BuildPaths {
  observations: string;
  /** The Node.js lens observed on other Node releases (npm run build -- --node …), one file each. */
  releases: string;
  dist: string;
  cache?: string;
}

/** Where a build of the checkout at `root` writes, given the environment. */
export function buildPaths(root = projectRoot, env: NodeJS.ProcessEnv = process.env): BuildPaths {
  const dir = env.CLOSING_TIME_BUILD_DIR;
  if (dir) return { observations: join(dir, 'observations.json'), releases: join(dir, 'releases'), dist: join(dir, 'dist'), cache: join(dir, 'cache') };
  return { observations: join(root, 'site/generated/observations.json'), releases: join(root, 'site/generated/releases'), dist: join(root, 'dist') };
}
