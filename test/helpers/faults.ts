// For the fault-injection tests: starts observe the way a terminal does (the leader of its own
// process group), each run with a temporary folder of its own, and lists what a run left behind.
// Only what THIS run made is looked at (its namespaces carry its pid, its processes carry
// CLOSING_TIME_OWNER=pid, its temporary files are in its own TMPDIR), so other observe runs on
// the machine neither hide a leftover nor make one up.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { namespacesOf, processesOf, tablesOf } from './leftovers.ts';
import { tiedToThisProcess } from './observe-cli.ts';

/** A running observe CLI. */
export interface Run {
  child: ChildProcess;
  pid: number;
  /** The run's own TMPDIR. */
  tmp: string;
  /** Everything it printed so far. */
  output: () => { stdout: string; stderr: string };
  /** Its end: exit code (or the signal that ended it) and what it printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Whether this machine can make the dead-peer namespaces (root, ip and nft). */
export const canNamespace =
  process.platform === 'linux' && process.getuid?.() === 0 && ['ip', 'nft'].every((t) => spawnSync('which', [t]).status === 0);

/**
 * Starts `node observe/cli.ts ...args` (or another entry point, such as observe/snippet.ts) as a
 * process group leader, with a fresh TMPDIR of its own.
 */
export function startObserve(args: string[], env: Record<string, string> = {}, entry = 'observe/cli.ts'): Run {
  const tmp = mkdtempSync(join(tmpdir(), 'faults-'));
  const tied = tiedToThisProcess();
  const child = spawn(process.execPath, [...tied.execArgv, join(projectRoot, entry), ...args], {
    cwd: projectRoot,
    env: { ...process.env, TMPDIR: tmp, ...tied.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Awaited<Run['done']>>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, pid: child.pid!, tmp, output: () => ({ stdout, stderr }), done };
}

/** Polls `ready` every 10 ms until it holds; throws after `ms`. */
export async function until(what: string, ready: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What the run left behind: namespaces, nft tables in them, processes, files in its TMPDIR. */
export function leftovers(run: Run): { namespaces: string[]; tables: string[]; processes: number[]; files: string[] } {
  return {
    namespaces: namespacesOf(run.pid),
    tables: tablesOf(run.pid),
    processes: processesOf(run.pid),
    files: existsSync(run.tmp) ? readdirSync(run.tmp) : [],
  };
}

/** Nothing at all. */
export const NOTHING = { namespaces: [], tables: [], processes: [], files: [] };

/** Removes the run's TMPDIR (after the checks). */
export function removeTmp(run: Run): void {
  rmSync(run.tmp, { recursive: true, force: true });
}

/** Lines of a stack trace in some output. */
export const stackLines = (text: string) => text.split('\n').filter((l) => /^\s+at .+[:(]/.test(l));

/**
 * Whether the main thread of `pid` is blocked in poll(2) (the number it shows in /proc/PID/syscall,
 * by architecture). A poll with a timeout that a signal interrupted goes on as restart_syscall
 * (219 on x86-64, 128 on arm64), so that counts too.
 */
export function blockedInPoll(pid: number): boolean {
  const numbers: Record<string, number[]> = { x64: [7, 271, 219], arm64: [73, 128] };
  try {
    const first = readFileSync(`/proc/${pid}/syscall`, 'utf8').split(' ')[0];
    return (numbers[process.arch] ?? []).includes(Number(first));
  } catch {
    return false;
  }
}

/** Runs observe to its end like observeCli, but bounded: killed (as a group) after `ms`. */
export function observeBounded(args: string[], env: Record<string, string> = {}, ms = 45_000): { code: number | null; stdout: string; stderr: string } {
  const tied = tiedToThisProcess();
  const r = spawnSync(process.execPath, [...tied.execArgv, join(projectRoot, 'observe/cli.ts'), ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, ...tied.env, ...env },
    timeout: ms,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * For one test file: a `startObserve` whose runs are, after each test, killed as a group (if
 * anything of them is left) and rid of their TMPDIR.
 */
export function observeRunsOfThisFile(): (...args: Parameters<typeof startObserve>) => Run {
  const runs: Run[] = [];
  afterEach(() => {
    for (const run of runs.splice(0)) {
      try {
        process.kill(-run.pid, 'SIGKILL');
      } catch {
        // already gone, as it should be
      }
      removeTmp(run);
    }
  });
  return (...args) => {
    const run = startObserve(...args);
    runs.push(run);
    return run;
  };
}
