// Observes scenarios: runs them in a worker process, repeated, stops one that hangs (naming the
// step it was on), and checks every claim. One scenario's failure never loses another's result.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { release, arch } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { captureUnavailable } from '../snippets/lab/capture.ts';
import type { RecordedCall } from '../snippets/lab/recorder.ts';
import { assemble } from './assemble.ts';
import { parseSnippet, type SnippetSource } from '../snippets/lab/syntax.ts';
import { projectRoot } from './catalogue.ts';
import type { Observations, Provenance, ScenarioRecord } from './schema.ts';
import type { Job } from './worker.ts';
import { namespacesNamed, removeNamespace, removeStaleNamespaces } from '../snippets/lab/namespaces.ts';
import { tryLockExclusive } from '../snippets/lab/libc.ts';
import { tempBase } from '../snippets/lab/temp-base.ts';
import { killEach, processesLeft, WORKER_MARK } from './strays.ts';
import { eventId, parseEvent, type WorkerEvent } from './channel.ts';
import { stopAwareTimeout, type Wait } from './stop-aware-timeout.ts';
import { confinedLauncher } from './confinement.ts';

/** How to observe. (`repetitions` is capped per scenario by its `// repetitions:` line.) */
export interface ObserveOptions {
  repetitions: number;
  /** Longest one repetition of one scenario may take. */
  timeoutMs: number;
  /** How many worker processes observe at once. */
  parallel: number;
  /** Stops observing when it aborts: every worker is killed and what it made is removed. */
  signal?: AbortSignal;
  /** The Node release whose binary runs the workers (default: this process's own). */
  node?: NodeRelease;
}

/** A Node binary and the versions it reports. */
export interface NodeRelease {
  bin: string;
  node: string;
  uv: string;
}

/** This process's own Node release. */
export function ownNode(): NodeRelease {
  return { bin: process.execPath, node: process.versions.node, uv: process.versions.uv ?? 'unknown' };
}

/** The observations, and every failure as one line. */
export interface Outcome {
  observations: Observations;
  failures: string[];
  /** Wall time of the whole observation, in milliseconds. */
  elapsedMs: number;
  /** Set when `signal` stopped the observation: the scenarios that were running then. */
  interrupted?: string[];
}

// Workers keep V8's compiled code, and the lab with its types already stripped, here between runs:
// a worker then starts in about half the time (module.enableCompileCache() in the Node docs).
const COMPILE_CACHE = join(projectRoot, 'node_modules/.cache/closing-time-workers');

// closing-time-PID-XXXXXX: no longer than it must be, since Unix socket paths made inside it
// are limited to 108 bytes.
const TEMP_PREFIX = 'closing-time-';

/**
 * The observation's private temporary directory, named after this process, and held (flock) for
 * as long as the run lasts: a run that finds it unheld knows its owner is gone, whatever PID
 * namespace either runs in. It is made under another name and renamed once held, so no run ever
 * sees it unheld. One line naming TMPDIR when it cannot be made.
 */
function makeTempDir(): { dir: string; release: () => void } {
  const base = tempBase();
  try {
    const making = mkdtempSync(join(base, `${TEMP_PREFIX}making-`));
    const fd = openSync(making, 'r');
    tryLockExclusive(fd);
    const dir = join(base, `${TEMP_PREFIX}${process.pid}-${making.slice(-6)}`);
    renameSync(making, dir);
    return { dir, release: () => closeSync(fd) };
  } catch (e) {
    throw new Error(`cannot make a temporary directory in ${base} (TMPDIR): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Removes temporary directories of observations whose process is gone (killed before it could): those no run holds. */
function removeStaleTempDirs(): void {
  let names: string[];
  const base = tempBase();
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(base, name);
    // One being made is held a moment later; one left half made (its maker killed then) is old.
    const making = name.startsWith(`${TEMP_PREFIX}making-`);
    if (!making && !new RegExp(`^${TEMP_PREFIX}\\d+-[A-Za-z0-9]{6}$`).test(name)) continue;
    let fd: number;
    try {
      if (making && Date.now() - statSync(path).mtimeMs < 60_000) continue;
      fd = openSync(path, 'r');
    } catch {
      continue;
    }
    try {
      if (tryLockExclusive(fd)) rmSync(path, { recursive: true, force: true });
    } finally {
      closeSync(fd);
    }
  }
}

/** A scenario's result as the worker reports it. */
type Finished = Extract<WorkerEvent, { done: unknown } | { skipped: unknown }>;

/** Plain words for what getActiveResourcesInfo() names. */
const RESOURCE_NAMES: Record<string, string> = {
  Timeout: 'a timer (setTimeout or setInterval)',
  TCPServerWrap: 'a listening server (TCPServerWrap)',
  PipeServerWrap: 'a listening server (PipeServerWrap)',
  TCPSocketWrap: 'a Node socket (TCPSocketWrap)',
  ProcessWrap: 'a child process (ProcessWrap)',
};
const resourceText = (left: string[]) => left.map((r) => RESOURCE_NAMES[r] ?? r).join(', ');

/** Whether any process of the group `pgid` is still alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits, at most 2 s, until every process of a worker's group has gone, so none can still make a namespace. */
async function groupGone(pgid: number): Promise<void> {
  const deadline = performance.now() + 2000;
  while (groupAlive(pgid) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** What a dead worker's exit says. */
const deathText = (code: number | null, signal: string | null) => (signal ? `killed by ${signal}` : code === null ? `could not start` : `exit code ${code}`);

/**
 * Runs jobs on `parallel` worker processes, handing each worker the next job when it finishes
 * one. A job that runs past `timeoutMs` in one repetition gets its worker killed (the failure
 * names the step it was on, or what the run left open) and a fresh worker takes the remaining
 * jobs; so does a job whose worker dies or fails. Each worker is the leader of its own process
 * group: the whole group is killed, and the namespaces its processes made are removed after it.
 * When `signal` aborts, every worker is stopped and cleaned up the same way; the ids running then
 * are returned.
 */
function runWorkers(
  jobs: Job[],
  parallel: number,
  timeoutMs: number,
  tmp: string,
  signal: AbortSignal | undefined,
  onFinished: (e: Finished) => void,
  onFailed: (id: string, why: string) => void,
  nodeBin: string,
): Promise<string[]> {
  const queue = [...jobs];
  const live = new Map<ChildProcess, () => string | undefined>();
  let running = 0;
  let refusedToStart = false;
  const interrupted: string[] = [];
  return new Promise((resolve) => {
    const killGroup = (child: ChildProcess) => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const onAbort = () => {
      for (const [child, currentId] of live) {
        const id = currentId();
        if (id) interrupted.push(id);
        killGroup(child);
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(interrupted);
    };

    const startWorker = () => {
      running++;
      // Confined where root allows (observe/confinement.ts): unshare execs node, so the pid is the worker's.
      const confined = confinedLauncher();
      const worker = [nodeBin, join(projectRoot, 'observe/worker.ts')];
      const child = spawn(confined?.command ?? nodeBin, confined ? [...confined.args, ...worker] : worker.slice(1), {
        stdio: ['pipe', 2, 'inherit', 'pipe'],
        env: { ...process.env, ...confined?.env, NODE_COMPILE_CACHE: COMPILE_CACHE, CLOSING_TIME_TMPDIR: tmp, CLOSING_TIME_OWNER: String(process.pid) },
        detached: true,
      });
      let current: { job: Job; rep: number; step?: string; returned?: boolean; left?: string[] } | undefined;
      let job: Job | undefined;
      let started = false;
      let timer: Wait | undefined;
      let ended = false;
      live.set(child, () => current?.job.id ?? job?.id);
      const failCurrent = (why: string) => {
        timer?.clear();
        if (job) onFailed(job.id, why);
        current = undefined;
        job = undefined;
      };
      const where = () => {
        if (!current) return '';
        if (current.left) return `: it finished, but left open ${resourceText(current.left)}`;
        if (!current.step) return ', before its first socket call';
        return current.returned ? `, after ${current.step} returned` : `, at ${current.step}`;
      };
      const next = () => {
        job = queue.shift();
        if (job) child.stdin!.write(JSON.stringify(job) + '\n');
        else {
          child.stdin!.end();
          // The worker exits on its own after its last job; bound the wait all the same.
          timer = stopAwareTimeout(() => killGroup(child), timeoutMs);
        }
      };
      child.stdin!.on('error', () => {}); // a worker that died: its close says so
      createInterface({ input: child.stdio[3] as NodeJS.ReadableStream }).on('line', (line) => {
        if (!job) return;
        const e = parseEvent(line);
        // Only the worker writes to fd 3, and only about the job it was given, its repetitions in
        // order: anything else there came from the snippet, and fails it.
        const rep = e && 'start' in e ? e.start.rep : undefined;
        const inOrder = rep === undefined || (rep === (current?.rep ?? 0) + 1 && rep <= job.repetitions);
        if (!e || eventId(e) !== job.id || !inOrder) {
          failCurrent(`${relative(projectRoot, job.file)} wrote to fd 3, the observer's channel: ${JSON.stringify(line.slice(0, 60))}`);
          return killGroup(child);
        }
        if ('start' in e) {
          started = true;
          current = { job, rep: e.start.rep };
          timer?.clear();
          timer = stopAwareTimeout(() => {
            failCurrent(`stopped after ${timeoutMs} ms in repetition ${current!.rep}${where()}`);
            killGroup(child);
          }, timeoutMs);
        } else if ('step' in e) {
          if (current) Object.assign(current, { step: `line ${e.step.line}: ${e.step.code}`, returned: false });
        } else if ('stepDone' in e) {
          if (current) current.returned = true;
        } else if ('lingering' in e) {
          if (current) current.left = e.lingering.left;
        } else if ('error' in e) {
          // The worker exits after a failure; its close starts a fresh one for the rest.
          failCurrent(e.error.message);
        } else {
          timer?.clear();
          current = undefined;
          onFinished(e);
          next();
        }
      });
      const onEnd = async (code: number | null, sig: NodeJS.Signals | null) => {
        if (ended) return;
        ended = true;
        timer?.clear();
        live.delete(child);
        if (child.pid) {
          // Whatever it started ends with it: its group, and what left the group but carries its mark.
          killGroup(child);
          killEach(processesLeft(undefined, `${WORKER_MARK}=${child.pid}`));
          await groupGone(child.pid);
          for (const ns of namespacesNamed(`closing-time-${process.pid}-${child.pid}-`)) removeNamespace(ns);
        }
        if (job && !signal?.aborted) {
          const rep = current ? ` in repetition ${current.rep}${where()}` : '';
          failCurrent(`its worker died (${deathText(code, sig)})${rep}`);
        }
        running--;
        if (!started && (code !== 0 || sig)) refusedToStart = true;
        if (queue.length && !signal?.aborted && !refusedToStart) startWorker();
        else if (running === 0) finish();
      };
      child.on('close', onEnd);
      child.on('error', () => {
        // Could not start a process at all: no point trying again.
        refusedToStart = true;
        if (child.pid === undefined) void onEnd(null, null);
      });
      next();
    };
    if (queue.length === 0 || signal?.aborted) return finish();
    const workers = Math.min(parallel, queue.length);
    for (let i = 0; i < workers; i++) startWorker();
  });
}

/** What git says about the checkout at `root`; undefined when git fails, or when `root` is not a repository's top (a copy inside another repository, whose commit is not this tree's). */
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

/** Where and when this observation is made. */
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

/** Observes the scenarios in `files` (id → snippet path), each `repetitions` times. */
export async function observe(files: { id: string; file: string }[], options: ObserveOptions): Promise<Outcome> {
  const started = performance.now();
  const platform = process.platform;
  const node = options.node ?? ownNode();
  const failures: string[] = [];
  const records = new Map<string, ScenarioRecord>();
  const sources = new Map<string, SnippetSource>();
  const runnable: { id: string; file: string }[] = [];
  for (const f of files) {
    try {
      sources.set(f.id, parseSnippet(readFileSync(f.file, 'utf8'), relative(projectRoot, f.file)));
      runnable.push(f);
    } catch (e) {
      failures.push(`${f.id}: ${(e as Error).message}`);
    }
  }

  const parts = new Map<string, { expected: number; traces: RecordedCall[][]; failed: boolean }>();
  removeStaleNamespaces();
  removeStaleTempDirs();
  const { dir: tmp, release: releaseTmp } = makeTempDir();
  let interrupted: string[] = [];
  try {
    // Slow scenarios mostly wait on kernel timers: each of their runs gets a worker of its own,
    // started first, beside the usual ones, so all that waiting overlaps everything else.
    const jobs: Job[] = [];
    for (const f of runnable) {
      const s = sources.get(f.id)!;
      const reps = Math.min(options.repetitions, s.repetitions ?? Infinity);
      const split = s.slow !== undefined ? reps : 1;
      parts.set(f.id, { expected: split, traces: [], failed: false });
      for (let i = 0; i < split; i++) jobs.push({ ...f, repetitions: reps / split });
    }
    const slowJobs = jobs.filter((j) => j.repetitions === 1 && parts.get(j.id)!.expected > 1).length;
    jobs.sort((x, y) => parts.get(y.id)!.expected - parts.get(x.id)!.expected);
    const recordOf = (id: string) => {
      const f = runnable.find((r) => r.id === id)!;
      return { f, snippet: sources.get(id)!, file: relative(projectRoot, f.file) };
    };
    interrupted = await runWorkers(
      jobs,
      options.parallel + slowJobs,
      options.timeoutMs,
      tmp,
      options.signal,
      (e) => {
        if ('done' in e) {
          const part = parts.get(e.done.id)!;
          part.traces.push(...e.done.traces);
          if (--part.expected > 0 || part.failed) return;
          const { f, snippet, file } = recordOf(e.done.id);
          const out = assemble(f.id, file, snippet, part.traces, platform, captureUnavailable(), node.node);
          records.set(f.id, out.record);
          failures.push(...out.failures);
        } else if ('skipped' in e) {
          const { f, snippet, file } = recordOf(e.skipped.id);
          if (records.has(f.id)) return;
          records.set(f.id, {
            id: f.id,
            title: snippet.title,
            file,
            stable: true,
            calls: [],
            skipped: e.skipped.reason,
            ...(Object.keys(snippet.reported).length ? { reported: snippet.reported } : {}),
          });
        }
      },
      (id, why) => {
        const part = parts.get(id)!;
        if (part.failed) return;
        part.failed = true;
        failures.push(`${id}: ${why}`);
      },
      node.bin,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    releaseTmp();
  }

  for (const f of runnable) {
    if (!records.has(f.id) && !parts.get(f.id)?.failed && !options.signal?.aborted) failures.push(`${f.id}: was not observed (its worker ended early)`);
  }
  const scenarios = files.map((f) => records.get(f.id)).filter((r): r is ScenarioRecord => r !== undefined);
  return {
    observations: { schema: 1, provenance: provenance(options.repetitions, node), scenarios },
    failures,
    elapsedMs: performance.now() - started,
    ...(options.signal?.aborted ? { interrupted: [...new Set(interrupted)].sort() } : {}),
  };
}
