// Where and when an observation is made: the system, Node, and the commit of the checkout (with
// -dirty when it has changes that matter).
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { arch, release } from 'node:os';
import { projectRoot } from './catalogue.ts';
import { versionsOf } from './node-releases.ts';
import type { Provenance } from './schema.ts';

/** What a git command in `root` printed; undefined when it failed, or when `root` is not a repository's top (a copy inside another repository, whose commit is not this tree's). */
function git(root: string, ...args: string[]): string | undefined {
  try {
    const run = (...a: string[]) => execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (realpathSync(run('rev-parse', '--show-toplevel')) !== realpathSync(root)) return undefined;
    return run(...args);
  } catch {
    return undefined;
  }
}

/** Whether `git status --porcelain` shows a change to a tracked file, or a new file under snippets/ (a scenario not yet committed). */
export function dirtyTree(porcelain: string): boolean {
  return porcelain.split('\n').some((l) => l && (!l.startsWith('??') || l.slice(3).startsWith('snippets/')));
}

/** A Node binary and the versions it reports. */
export interface NodeRelease {
  bin: string;
  node: string;
  uv: string;
}

/** This process's own Node release. */
export function ownNode(): NodeRelease {
  return { bin: process.execPath, ...versionsOf(process.execPath) };
}

/** Where and when this observation is made, with `node` running the workers, in the checkout at `root`. */
export function provenance(repetitions: number, node: NodeRelease = ownNode(), root = projectRoot): Provenance {
  const commit = git(root, 'rev-parse', '--short=12', 'HEAD');
  const dirty = dirtyTree(git(root, 'status', '--porcelain', '--untracked-files=all') ?? '');
  return {
    os: process.platform,
    release: release(),
    arch: arch(),
    node: `v${node.node}`,
    libuv: node.uv,
    commit: commit ? commit + (dirty ? '-dirty' : '') : 'unknown',
    observedAt: new Date().toISOString(),
    repetitions,
  };
}

