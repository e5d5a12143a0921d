// Where and when an observation is made: the system, Node, and the commit of the checkout (with
// -dirty when it has changes that matter).
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { arch, release, version } from 'node:os';
import { currentPlatform } from '../snippets/lab/platform.ts';
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

/** The operating system's name and version: sw_vers on macOS, /etc/os-release elsewhere; undefined when neither says. */
export function systemName(): string | undefined {
  try {
    if (process.platform === 'darwin') {
      const v = (k: string) => execFileSync('sw_vers', [k], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      return `${v('-productName')} ${v('-productVersion')}`;
    }
    return /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * The hosted CI run making this observation, from GitHub Actions' own variables (their names:
 * docs.github.com, "Store information in variables", default variables; ImageOS and ImageVersion
 * are set on GitHub's runner images); undefined outside one.
 */
export function ciRun(env: NodeJS.ProcessEnv = process.env): Provenance['ci'] {
  const { GITHUB_ACTIONS, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_NUMBER, ImageOS, ImageVersion, CLOSING_TIME_RUNNER } = env;
  if (GITHUB_ACTIONS !== 'true' || !GITHUB_SERVER_URL || !GITHUB_REPOSITORY || !GITHUB_RUN_ID || !GITHUB_RUN_NUMBER) return undefined;
  return {
    run: `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`,
    runNumber: Number(GITHUB_RUN_NUMBER),
    runner: CLOSING_TIME_RUNNER || env.RUNNER_OS || 'unknown',
    image: [ImageOS, ImageVersion].filter(Boolean).join(' ') || 'unknown',
  };
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
    ...optional('system', systemName()),
    kernel: version(),
    ...(currentPlatform().experimental.length ? { experimental: [...currentPlatform().experimental] } : {}),
    ...optional('ci', ciRun()),
  };
}

/** `{ [key]: value }`, or nothing when value is undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [k in K]?: V };
}

