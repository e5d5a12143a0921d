// Observes scenarios: runs them in a worker process, repeated, stops one that hangs (naming the
// step it was on), and checks every claim. One scenario's failure never loses another's result.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { release, arch, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import type { RecordedCall } from '../snippets/lab/recorder.ts';
import { assemble } from './assemble.ts';
import { parseSnippet, type SnippetSource } from './claims.ts';
import { projectRoot } from './catalogue.ts';
import type { Observations, Provenance, ScenarioRecord } from './contract.ts';
import type { Job } from './worker.ts';

/** How to observe. */
export interface ObserveOptions {
  repetitions: number;
  /** Longest one repetition of one scenario may take. */
  timeoutMs: number;
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

/** Runs scenarios in one worker until all are done or one hangs; returns what it finished. */
function runWorker(
  job: Job,
  timeoutMs: number,
  tmp: string,
  onEvent: (e: WorkerEvent) => void,
): Promise<{ stuck?: { id: string; why: string } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'observe/worker.ts'), JSON.stringify(job)], {
      stdio: ['ignore', 2, 'inherit', 'pipe'],
      env: { ...process.env, CLOSING_TIME_TMPDIR: tmp },
    });
    let last: { id: string; rep: number; step?: string } | undefined;
    let timer: NodeJS.Timeout | undefined;
    let stuck: { id: string; why: string } | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const at = last?.step ? `at ${last.step}` : 'before its first socket call';
        stuck = { id: last!.id, why: `stopped after ${timeoutMs} ms in repetition ${last!.rep}, ${at}` };
        child.kill('SIGKILL');
      }, timeoutMs);
    };
    createInterface({ input: child.stdio[3] as NodeJS.ReadableStream }).on('line', (line) => {
      const e = JSON.parse(line) as WorkerEvent;
      if ('start' in e) {
        last = { ...e.start };
        arm();
      } else if ('step' in e) {
        if (last) last.step = `line ${e.step.line}: ${e.step.code}`;
      } else {
        clearTimeout(timer);
      }
      onEvent(e);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (stuck) resolve({ stuck });
      else if (code === 0) resolve({});
      else reject(new Error(`the observer's worker died (${signal ?? `exit ${code}`})`));
    });
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

  const tmp = mkdtempSync(join(tmpdir(), 'closing-time-observe-'));
  try {
    let pending = runnable;
    while (pending.length) {
      const finished = new Set<string>();
      const { stuck } = await runWorker({ files: pending, repetitions: options.repetitions }, options.timeoutMs, tmp, (e) => {
        if ('done' in e) {
          const f = runnable.find((r) => r.id === e.done.id)!;
          const out = assemble(f.id, relative(projectRoot, f.file), sources.get(f.id)!, e.done.traces, platform);
          records.set(f.id, out.record);
          failures.push(...out.failures);
          finished.add(f.id);
        } else if ('skipped' in e) {
          const f = runnable.find((r) => r.id === e.skipped.id)!;
          const snippet = sources.get(f.id)!;
          records.set(f.id, {
            id: f.id,
            title: snippet.title,
            file: relative(projectRoot, f.file),
            stable: true,
            calls: [],
            skipped: e.skipped.reason,
            ...(Object.keys(snippet.reported).length ? { reported: snippet.reported } : {}),
          });
          finished.add(f.id);
        } else if ('error' in e) {
          failures.push(`${e.error.id}: ${e.error.message}`);
          finished.add(e.error.id);
        }
      });
      if (stuck) {
        failures.push(`${stuck.id}: ${stuck.why}`);
        finished.add(stuck.id);
      }
      pending = pending.filter((f) => !finished.has(f.id));
      if (!stuck && pending.length) throw new Error(`the worker ended without observing ${pending.map((f) => f.id).join(', ')}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const scenarios = files.map((f) => records.get(f.id)).filter((r): r is ScenarioRecord => r !== undefined);
  return {
    observations: { schema: 1, provenance: provenance(options.repetitions), scenarios },
    failures,
    elapsedMs: performance.now() - started,
  };
}
