// Observes scenarios: runs them in worker processes (worker-pool.ts), repeated, and checks every
// claim of every run (assemble.ts). One scenario's failure never loses another's result.
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { captureUnavailable } from '../snippets/lab/capture.ts';
import { removeStaleNamespaces } from '../snippets/lab/namespaces.ts';
import type { RecordedCall } from '../snippets/lab/recorder.ts';
import { parseSnippet, type SnippetSource } from '../snippets/lab/syntax.ts';
import { assemble } from './assemble.ts';
import { projectRoot } from './catalogue.ts';
import { planJobs, workerCount } from './jobs.ts';
import { ownNode, provenance, type NodeRelease } from './provenance.ts';
import { proveLab } from './prove-lab.ts';

export { CanaryFailed } from './prove-lab.ts';

export { ownNode, type NodeRelease } from './provenance.ts';
import { SCHEMA_VERSION, type Observations, type ScenarioRecord } from './schema.ts';
import { makeTempDir, removeStaleTempDirs } from './temp-dirs.ts';
import { runWorkers } from './worker-pool.ts';
import { observePrograms, type RuntimeOutcome } from './runtimes.ts';

/** How to observe. (`repetitions` is capped per scenario by its `// repetitions:` line.) */
export interface ObserveOptions {
  repetitions: number;
  /** Longest one repetition of one scenario may take. */
  timeoutMs: number;
  /** The most worker processes observing at once, slow runs included (--jobs); by default as workerCount() says. */
  parallel?: number;
  /** Stops observing when it aborts: every worker is killed and what it made is removed. */
  signal?: AbortSignal;
  /** The Node release whose binary runs the workers (default: this process's own). */
  node?: NodeRelease;
  /** Python and Ruby programs to observe beside the scenarios (ids `python/…`, `ruby/…`), from `programsDir` (default snippets/). */
  programs?: string[];
  programsDir?: string;
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

/** Observes the scenarios in `files` (id → snippet path), each `repetitions` times, once the lab's canary holds. */
export async function observe(files: { id: string; file: string }[], options: ObserveOptions): Promise<Outcome> {
  await proveLab();
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
  let programs: Promise<RuntimeOutcome> | undefined;
  try {
    // The runtimes' programs run beside the workers, each run a process of its own, two per core
    // (many of their runs wait on the kernel). With --jobs they run after the workers, within it,
    // so the bound holds for every process observing.
    const startPrograms = (parallel: number) =>
      observePrograms(options.programs!, {
        repetitions: options.repetitions,
        timeoutMs: options.timeoutMs,
        tmp,
        parallel,
        signal: options.signal,
        dir: options.programsDir,
      });
    if (options.programs?.length && options.parallel === undefined) programs = startPrograms(2 * availableParallelism());
    const plan = planJobs(runnable, sources, options.repetitions);
    for (const [id, expected] of plan.parts) parts.set(id, { expected, traces: [], failed: false });
    const recordOf = (id: string) => {
      const f = runnable.find((r) => r.id === id)!;
      return { f, snippet: sources.get(id)!, file: relative(projectRoot, f.file) };
    };
    interrupted = await runWorkers(
      plan.jobs,
      workerCount(plan.jobs, plan.parts, options.parallel),
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
            ...(e.skipped.on ? { skippedOn: e.skipped.on } : {}),
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
    if (options.programs?.length && options.parallel !== undefined && !options.signal?.aborted) programs = startPrograms(options.parallel);
    if (programs) {
      const seen = await programs;
      programs = Promise.resolve(seen);
      failures.push(...seen.failures);
      interrupted.push(...(seen.interrupted ?? []));
    }
  } finally {
    await programs?.catch(() => undefined); // its processes are in tmp
    rmSync(tmp, { recursive: true, force: true });
    releaseTmp();
  }

  for (const f of runnable) {
    if (!records.has(f.id) && !parts.get(f.id)?.failed && !options.signal?.aborted) failures.push(`${f.id}: was not observed (its worker ended early)`);
  }
  const scenarios = files.map((f) => records.get(f.id)).filter((r): r is ScenarioRecord => r !== undefined);
  const ran = programs && (await programs);
  const where = provenance(options.repetitions, node);
  return {
    observations: {
      schema: SCHEMA_VERSION,
      provenance: ran ? { ...where, runtimes: ran.runtimes } : where,
      scenarios,
      ...(ran ? { programs: ran.programs } : {}),
    },
    failures,
    elapsedMs: performance.now() - started,
    ...(options.signal?.aborted ? { interrupted: [...new Set(interrupted)].sort() } : {}),
  };
}
