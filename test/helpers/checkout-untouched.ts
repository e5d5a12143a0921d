// Global setup of the lab project (every `npm test` runs it): remembers what `git status
// --porcelain` says before the tests, and fails the run, naming the files, if any test changed the
// working tree. Only a snapshot update (`vitest -u`) may write into it.
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { projectRoot } from '../../observe/catalogue.ts';

/** The working tree's status, or undefined outside a git checkout. */
function status(): string | undefined {
  try {
    return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** What changed between two `git status --porcelain` outputs: lines in one and not the other. */
export function changedLines(before: string, after: string): string[] {
  const was = new Set(before.split('\n').filter(Boolean));
  const is = new Set(after.split('\n').filter(Boolean));
  return [...[...is].filter((l) => !was.has(l)), ...[...was].filter((l) => !is.has(l)).map((l) => `(gone) ${l}`)];
}

/** Takes the status now; the teardown compares it with the status after every project's tests. */
export default function setup(project: TestProject): (() => void) | undefined {
  const before = status();
  if (before === undefined || project.vitest.config.update) return undefined;
  return () => {
    const changed = changedLines(before, status() ?? '');
    if (changed.length) throw new Error(`the tests changed the working tree: ${changed.join('; ')}`);
  };
}
