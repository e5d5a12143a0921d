// Processes a run left behind: those still in a worker's process group, and those that left the
// group (setsid, a double fork) but carry the worker's mark in their environment. A run's
// processes must end with it; what is found is killed and fails the run.
import { readdirSync, readFileSync } from 'node:fs';
import { ended, procStat } from '../snippets/lab/proc-stat.ts';

/** The environment variable by which a worker's processes are found (its value: the worker's pid). */
export const WORKER_MARK = 'CLOSING_TIME_WORKER';

/** A live process: its pid and command name. */
export interface Stray {
  pid: number;
  name: string;
}

/**
 * Live processes (zombies are not) in process group `pgid`, or whose environment holds `mark`
 * ('NAME=VALUE'); this process is never one. Empty where there is no /proc.
 */
export function processesLeft(pgid: number | undefined, mark: string): Stray[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  } catch {
    return [];
  }
  const found: Stray[] = [];
  // Only a process started after this one can be one of its run's (start times in clock ticks).
  const since = Number(procStat('self')?.start);
  for (const p of pids) {
    const stat = procStat(Number(p));
    if (!stat || ended(stat) || Number(stat.start) < since) continue;
    try {
      if ((pgid !== undefined && stat.pgrp === pgid) || readFileSync(`/proc/${p}/environ`, 'latin1').includes(`${mark}\0`)) found.push({ pid: Number(p), name: stat.name });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** SIGKILLs each process (one that is already gone is skipped). */
export function killEach(strays: Stray[]): void {
  for (const s of strays) {
    try {
      process.kill(s.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
