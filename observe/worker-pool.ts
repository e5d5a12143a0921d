// The pool of worker processes that observe scenarios: each job goes to the next free worker; a
// worker that hangs past the timeout, dies or fails is killed with its whole process group, its
// namespaces removed, and a fresh one takes the remaining jobs.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { namespacesNamed, namespacesOfRun, removeNamespace } from '../snippets/lab/namespaces.ts';
import { projectRoot } from './catalogue.ts';
import type { Job } from './worker.ts';
import { eventId, parseEvent, resourceText, type Finished } from './worker-events.ts';
import { killEach, processesLeft, WORKER_MARK } from './strays.ts';
import { boundWords, runBound, stopAwareTimeout, type RunBound, type Wait } from './stop-aware-timeout.ts';
import { confinedLauncher } from './confinement.ts';
import { compileCacheEnv } from './compile-cache.ts';
import { PROGRESS_FILE, progressText, readProgress } from './progress-file.ts';
import { codeOf } from '../snippets/lab/syntax.ts';

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

/**
 * How many workers may be starting at once (node, the lab, koffi: about 0.3 CPU-s each, and up to
 * 64 of them for the slow scenarios' runs): the rest start as these become ready, so that starting
 * them does not starve the runs and the Python and Ruby programs under way.
 */
export const BOOTING_AT_ONCE = availableParallelism();

/** The code of a snippet's line, as a failure names it. */
function codeAt(file: string, line: number): string {
  return codeOf(readFileSync(file, 'utf8').split('\n')[line - 1] ?? '');
}

/** What a dead worker's exit says. */
const deathText = (code: number | null, signal: string | null) => (signal ? `killed by ${signal}` : code === null ? `could not start` : `exit code ${code}`);

/**
 * Runs jobs on `parallel` worker processes, handing each worker the next job when it finishes
 * one; at most BOOTING_AT_ONCE of them are starting at any time. A job that goes `timeoutMs`
 * without progress in one repetition (no call starts or returns: on a busy machine a run is slow,
 * a hung one makes none), or runs past RUN_LIMIT_FACTOR times that, gets its worker killed (the
 * failure names the step it was on, or what the run left open) and a fresh worker takes the
 * remaining jobs; so does a job whose worker dies or fails. Each worker is the leader of its own
 * process group: the whole group is killed, and the namespaces its processes made are removed
 * after it. When `signal` aborts, every worker is stopped and cleaned up the same way; the ids
 * running then are returned.
 */
export function runWorkers(
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
  let workersStarted = 0;
  // Workers of the first set not yet started, and workers started but not yet ready for a job.
  let toLaunch = 0;
  let booting = 0;
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

    const launchMore = () => {
      while (toLaunch > 0 && booting < BOOTING_AT_ONCE && queue.length && !signal?.aborted && !refusedToStart) {
        toLaunch--;
        startWorker();
      }
    };
    const startWorker = () => {
      running++;
      booting++;
      const progressFile = join(tmp, `progress-${++workersStarted}`);
      // Confined where root allows (observe/confinement.ts): unshare execs node, so the pid is the worker's.
      const confined = confinedLauncher();
      const worker = [nodeBin, join(projectRoot, 'observe/worker.ts')];
      const child = spawn(confined?.command ?? nodeBin, confined ? [...confined.args, ...worker] : worker.slice(1), {
        stdio: ['pipe', 2, 'inherit', 'pipe'],
        env: { ...process.env, ...confined?.env, ...compileCacheEnv(), CLOSING_TIME_TMPDIR: tmp, CLOSING_TIME_OWNER: String(process.pid), [PROGRESS_FILE]: progressFile },
        detached: true,
      });
      let current: { job: Job; rep: number; left?: string[] } | undefined;
      // The worker's runs so far, over all its jobs (its progress file names the run it is in), and
      // the progress file as last read.
      let runs = 0;
      let lastSeen = '';
      let job: Job | undefined;
      let started = false;
      const ready = () => {
        if (started) return;
        started = true;
        booting--;
        launchMore();
      };
      let timer: Wait | undefined;
      let bound: RunBound | undefined;
      let ended = false;
      live.set(child, () => current?.job.id ?? job?.id);
      const failCurrent = (why: string) => {
        timer?.clear();
        bound?.clear();
        if (job) onFailed(job.id, why);
        current = undefined;
        job = undefined;
      };
      const where = () => {
        if (!current) return '';
        if (current.left) return `: it finished, but left open ${resourceText(current.left)}`;
        const p = readProgress(progressFile);
        if (!p || p.run !== runs) return ', before its first socket call';
        const step = `line ${p.line}: ${codeAt(current.job.file, p.line)}`;
        return p.returned ? `, after ${step} returned` : `, at ${step}`;
      };
      const moved = () => {
        const seen = progressText(progressFile);
        const changed = seen !== lastSeen;
        lastSeen = seen;
        return changed;
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
        // A job loads once, before its first run.
        const rep = e && 'start' in e ? e.start.rep : undefined;
        const inOrder = e && 'loading' in e ? current === undefined : rep === undefined || (rep === (current?.rep ?? 0) + 1 && rep <= job.repetitions);
        if (!e || eventId(e) !== job.id || !inOrder) {
          failCurrent(`${relative(projectRoot, job.file)} wrote to fd 3, the observer's channel: ${JSON.stringify(line.slice(0, 60))}`);
          return killGroup(child);
        }
        if ('loading' in e) {
          ready();
          timer?.clear();
          timer = stopAwareTimeout(() => {
            failCurrent(`stopped after ${timeoutMs} ms loading the modules it imports, before its first run`);
            killGroup(child);
          }, timeoutMs);
        } else if ('start' in e) {
          ready();
          timer?.clear();
          current = { job, rep: e.start.rep };
          runs++;
          lastSeen = progressText(progressFile);
          bound?.clear();
          bound = runBound((why) => {
            failCurrent(`stopped after ${boundWords(why, timeoutMs)}${why === 'limit' ? ',' : ''} in repetition ${current!.rep}${where()}`);
            killGroup(child);
          }, timeoutMs, moved);
        } else if ('lingering' in e) {
          if (current) current.left = e.lingering.left;
        } else if ('error' in e) {
          // The worker exits after a failure; its close starts a fresh one for the rest.
          failCurrent(e.error.message);
        } else {
          bound?.clear();
          current = undefined;
          onFinished(e);
          next();
        }
      });
      const onEnd = async (code: number | null, sig: NodeJS.Signals | null) => {
        if (ended) return;
        ended = true;
        timer?.clear();
        bound?.clear();
        live.delete(child);
        if (child.pid) {
          // Whatever it started ends with it: its group, and what left the group but carries its mark.
          killGroup(child);
          killEach(processesLeft(undefined, `${WORKER_MARK}=${child.pid}`));
          await groupGone(child.pid);
          for (const ns of namespacesNamed(namespacesOfRun(process.pid, child.pid))) removeNamespace(ns);
        }
        if (job && !signal?.aborted) {
          const rep = current ? ` in repetition ${current.rep}${where()}` : '';
          failCurrent(`its worker died (${deathText(code, sig)})${rep}`);
        }
        rmSync(progressFile, { force: true });
        running--;
        if (!started) booting--;
        if (!started && (code !== 0 || sig)) refusedToStart = true;
        if (queue.length && !signal?.aborted && !refusedToStart) startWorker();
        else if (running === 0) finish();
        launchMore();
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
    toLaunch = Math.min(parallel, queue.length);
    launchMore();
  });
}

