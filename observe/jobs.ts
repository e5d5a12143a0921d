// How the scenarios of one observation are cut into jobs for the workers, and how many workers run
// at once. A slow scenario (`// slow:`, it waits on a kernel timer) gets a job per run, so its
// waits overlap; every job, slow or not, counts against the bound.
import { availableParallelism } from 'node:os';
import type { SnippetSource } from '../snippets/lab/syntax.ts';
import type { Job } from './worker.ts';

/** The most worker processes an observation ever runs at once, whatever --jobs says. */
export const MAX_WORKERS = 64;

/** The jobs for `files`, slow ones first (they take longest), and how many jobs each scenario has. */
export function planJobs(
  files: { id: string; file: string }[],
  sources: Map<string, SnippetSource>,
  repetitions: number,
): { jobs: Job[]; parts: Map<string, number> } {
  const jobs: Job[] = [];
  const parts = new Map<string, number>();
  for (const f of files) {
    const s = sources.get(f.id)!;
    const reps = Math.min(repetitions, s.repetitions ?? Infinity);
    const split = s.slow !== undefined ? reps : 1;
    parts.set(f.id, split);
    for (let i = 0; i < split; i++) jobs.push({ ...f, repetitions: reps / split });
  }
  jobs.sort((x, y) => parts.get(y.id)! - parts.get(x.id)!);
  return { jobs, parts };
}

/**
 * How many workers observe at once: `parallel` (--jobs) when given; otherwise one per core, plus
 * one per slow job (those mostly sleep in the kernel). Never more than there are jobs, nor MAX_WORKERS.
 */
export function workerCount(jobs: Job[], parts: Map<string, number>, parallel?: number): number {
  const slow = jobs.filter((j) => parts.get(j.id)! > 1).length;
  const wanted = parallel ?? Math.min(2, availableParallelism()) + slow;
  return Math.max(1, Math.min(wanted, jobs.length, MAX_WORKERS));
}
