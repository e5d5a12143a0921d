// Processes a run left behind: those still in a worker's process group, and those that left the
// group (setsid, a double fork) but carry the worker's mark in their environment. A run's
// processes must end with it; what is found is killed and fails the run.
import { readdirSync, readFileSync } from 'node:fs';

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
  const since = startTicks(readFileSync('/proc/self/stat', 'utf8'));
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X' || startTicks(stat) < since) continue;
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if ((pgid !== undefined && Number(pgrp) === pgid) || readFileSync(`/proc/${p}/environ`, 'latin1').includes(`${mark}\0`)) found.push({ pid: Number(p), name });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** When a process started, in clock ticks since boot: field 22 of its /proc/PID/stat. */
const startTicks = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);

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
