// Global setup for the site and e2e tests: they read dist/, so build it if it is not there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../observe/catalogue.ts';

/** Builds the site once when dist/ or this build's observations are missing. */
export default function setup(): void {
  const built = ['dist/the-question/index.html', 'site/generated/observations.json'].every((f) => existsSync(join(projectRoot, f)));
  if (built) return;
  console.log('dist/ is missing: running npm run build first');
  const r = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed; the site tests need a built site');
}
