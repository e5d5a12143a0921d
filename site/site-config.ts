// The site's settings that are not Starlight's: where the project's repository is. One value,
// package.json's `repository.url`, which CLOSING_TIME_REPOSITORY overrides (a fork, a mirror).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The address `git clone` takes: CLOSING_TIME_REPOSITORY, else package.json's repository.url. */
export function repositoryUrl(root = process.cwd()): string {
  if (process.env.CLOSING_TIME_REPOSITORY) return process.env.CLOSING_TIME_REPOSITORY;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const url: unknown = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (typeof url !== 'string' || !url) throw new Error("package.json has no repository.url: the 'Run it yourself' page needs the address to clone");
  return url.replace(/^git\+/, '');
}

/** The folder `git clone` makes from the address: its last part without `.git`. */
export function cloneFolder(url: string): string {
  return url.replace(/\/+$/, '').split(/[/:]/).pop()!.replace(/\.git$/, '');
}
