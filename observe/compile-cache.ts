// Node's compile cache (module.enableCompileCache() in the Node docs): V8's compiled code, and on
// Node 24 and later the TypeScript with its types already stripped, kept between runs. A process
// started with it (an observe worker, observe itself, Astro, a test's child) starts in about half
// the CPU time. Kept under node_modules/.cache, so it goes with node_modules and git never sees it.
import { join } from 'node:path';
import { projectRoot } from './catalogue.ts';

/** Where the compile cache lives, unless NODE_COMPILE_CACHE already names one. */
export const COMPILE_CACHE = join(projectRoot, 'node_modules/.cache/closing-time-compile');

/** The environment entry that gives a child process the compile cache (the caller's own choice wins). */
export function compileCacheEnv(): { NODE_COMPILE_CACHE: string } {
  return { NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE || COMPILE_CACHE };
}
