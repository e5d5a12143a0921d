// Where a build writes: this build's observations, the site, and Astro's content cache. By default
// inside the checkout (site/generated/, dist/); with CLOSING_TIME_BUILD_DIR, all three in that
// folder, so a test can build the site from the current sources without touching the checkout.
import { join } from 'node:path';
import { projectRoot } from './catalogue.ts';

/** The three places a build writes, as absolute paths; `cache` is Astro's default when undefined. */
export interface BuildPaths {
  observations: string;
  dist: string;
  cache?: string;
}

/** Where a build of the checkout at `root` writes, given the environment. */
export function buildPaths(root = projectRoot, env: NodeJS.ProcessEnv = process.env): BuildPaths {
  const dir = env.CLOSING_TIME_BUILD_DIR;
  if (dir) return { observations: join(dir, 'observations.json'), dist: join(dir, 'dist'), cache: join(dir, 'cache') };
  return { observations: join(root, 'site/generated/observations.json'), dist: join(root, 'dist') };
}
