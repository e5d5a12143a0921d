// Runs `observe/cli.ts` as the README does, in a child process, and returns what it printed.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../observe/catalogue.ts';

/** Exit code and output of one observe run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Node's arguments and the environment that make a child get SIGTERM when the test process that
 * started it dies, however it dies (scripts/die-with-parent.ts, as the build's steps do): a test
 * run stopped by Ctrl-C or a timeout leaves no observe run going on by itself.
 */
export function tiedToThisProcess(): { execArgv: string[]; env: Record<string, string> } {
  return {
    execArgv: ['--import', join(projectRoot, 'scripts/die-with-parent.ts')],
    env: { CLOSING_TIME_PARENT_DEATH_SIGNAL: 'SIGTERM', CLOSING_TIME_PARENT_PID: String(process.pid) },
  };
}

/** Runs the observe CLI with `args`; `env` is added to this process's environment. */
export function observeCli(args: string[], env: Record<string, string> = {}): CliRun {
  const tied = tiedToThisProcess();
  const r = spawnSync(process.execPath, [...tied.execArgv, join(projectRoot, 'observe/cli.ts'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, ...tied.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the scenarios in a temporary folder, sharing the real lab through a link; remove() deletes it. */
export function snippetsCopy(): { dir: string; remove: () => void } {
  const base = mkdtempSync(join(tmpdir(), 'closing-time-snippets-'));
  const dir = join(base, 'snippets');
  cpSync(join(projectRoot, 'snippets'), dir, { recursive: true, filter: (src) => !src.includes('/snippets/lab') });
  symlinkSync(join(projectRoot, 'snippets/lab'), join(dir, 'lab'));
  return { dir, remove: () => rmSync(base, { recursive: true, force: true }) };
}
