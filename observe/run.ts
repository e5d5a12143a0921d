// Observes scenarios: runs them in a worker process, repeated, stops one that hangs (naming the
// step it was on), and checks every claim. One scenario's failure never loses another's result.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { release, arch, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { captureUnavailable } from '../snippets/lab/capture.ts';
import type { RecordedCall } from '../snippets/lab/recorder.ts';
import { assemble } from './assemble.ts';
import { parseSnippet, type SnippetSource } from '../snippets/lab/syntax.ts';
import { projectRoot } from './catalogue.ts';
import type { Observations, Provenance, ScenarioRecord } from './schema.ts';
import type { Job } from './worker.ts';

/** How to observe. (`repetitions` is capped per scenario by its `// repetitions:` line.) */
export interface ObserveOptions {
  repetitions: number;
  /** Longest one repetition of one scenario may take. */
  timeoutMs: number;
  /** How many worker processes observe at once. */
  parallel: number;
}

/** The observations, and every failure as one line. */
export interface Outcome {
  observations: Observations;
  failures: string[];
  /** Wall time of the whole observation, in milliseconds. */
  elapsedMs: number;
}

type WorkerEvent =
  | { start: { id: string; rep: number } }
  | { step: { id: string; rep: number; line: number; code: string } }
  | { done: { id: string; traces: RecordedCall[][] } }
  | { skipped: { id: string; reason: string } }
  | { error: { id: string; message: string } };

/** A scenario's result as the worker reports it. */
type Finished = Extract<WorkerEvent, { done: unknown } | { skipped: unknown } | { error: unknown }>;

/**
 * Runs jobs on `parallel` worker processes, handing each worker the next job when it finishes
 * one. A job that runs past `timeoutMs` in one repetition gets its worker killed (the failure
 * names the step it was on) and a fresh worker takes the remaining jobs.
 */
function runWorkers(
  jobs: Job[],
  parallel: number,
  timeoutMs: number,
  tmp: string,
  onFinished: (e: Finished) => void,
  onStuck: (id: string, why: string) => void,
): Promise<void> {
  const queue = [...jobs];
  let running = 0;
  return new Promise((resolve, reject) => {
    const startWorker = () => {
      running++;
      const child = spawn(process.execPath, [join(projectRoot, 'observe/worker.ts')], {
        stdio: ['pipe', 2, 'inherit', 'pipe'],
        env: { ...process.env, CLOSING_TIME_TMPDIR: tmp },
      });
      let current: { id: string; rep: number; step?: string } | undefined;
      let timer: NodeJS.Timeout | undefined;
      let stuck = false;
      const next = () => {
        const job = queue.shift();
        if (job) child.stdin!.write(JSON.stringify(job) + '\n');
        else child.stdin!.end();
      };
      createInterface({ input: child.stdio[3] as NodeJS.ReadableStream }).on('line', (line) => {
        const e = JSON.parse(line) as WorkerEvent;
        if ('start' in e) {
          current = { ...e.start };
          clearTimeout(timer);
          timer = setTimeout(() => {
            stuck = true;
            const at = current?.step ? `at ${current.step}` : 'before its first socket call';
            onStuck(current!.id, `stopped after ${timeoutMs} ms in repetition ${current!.rep}, ${at}`);
            child.kill('SIGKILL');
          }, timeoutMs);
        } else if ('step' in e) {
          if (current) current.step = `line ${e.step.line}: ${e.step.code}`;
        } else {
          clearTimeout(timer);
          current = undefined;
          onFinished(e);
          next();
        }
      });
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        running--;
        if (!stuck && code !== 0) return reject(new Error(`an observer worker died (${signal ?? `exit ${code}`})`));
        if (queue.length) startWorker();
        else if (running === 0) resolve();
      });
      next();
    };
    if (queue.length === 0) return resolve();
    const workers = Math.min(parallel, queue.length);
    for (let i = 0; i < workers; i++) startWorker();
  });
}

function git(...args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Where and when this observation is made. */
export function provenance(repetitions: number): Provenance {
  const commit = git('rev-parse', '--short=12', 'HEAD');
  const dirty = git('status', '--porcelain', '--untracked-files=no');
  return {
    os: process.platform,
    release: release(),
    arch: arch(),
    node: process.version,
    libuv: process.versions.uv ?? 'unknown',
    commit: commit ? commit + (dirty ? '-dirty' : '') : 'unknown',
    observedAt: new Date().toISOString(),
    repetitions,
  };
}

/** Observes the scenarios in `files` (id → snippet path), each `repetitions` times. */
export async function observe(files: { id: string; file: string }[], options: ObserveOptions): Promise<Outcome> {
  const started = performance.now();
  const platform = process.platform;
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
  const tmp = mkdtempSync(join(tmpdir(), 'closing-time-observe-'));
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
    await runWorkers(
      jobs,
      options.parallel + slowJobs,
      options.timeoutMs,
      tmp,
      (e) => {
        if ('done' in e) {
          const part = parts.get(e.done.id)!;
          part.traces.push(...e.done.traces);
          if (--part.expected > 0 || part.failed) return;
          const { f, snippet, file } = recordOf(e.done.id);
          const out = assemble(f.id, file, snippet, part.traces, platform, captureUnavailable());
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
        } else {
          const part = parts.get(e.error.id)!;
          if (part.failed) return;
          part.failed = true;
          failures.push(`${e.error.id}: ${e.error.message}`);
        }
      },
      (id, why) => {
        const part = parts.get(id)!;
        if (part.failed) return;
        part.failed = true;
        failures.push(`${id}: ${why}`);
      },
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  for (const f of runnable) {
    if (!records.has(f.id) && !parts.get(f.id)?.failed) failures.push(`${f.id}: was not observed (its worker ended early)`);
  }
  const scenarios = files.map((f) => records.get(f.id)).filter((r): r is ScenarioRecord => r !== undefined);
  return {
    observations: { schema: 1, provenance: provenance(options.repetitions), scenarios },
    failures,
    elapsedMs: performance.now() - started,
  };
}
