// A process as /proc/PID/stat describes it (proc(5)): the one reader of that line in the project.
// The command name sits in parentheses and may hold spaces or ')' itself, so the fields after it
// are counted from the last ')'.
import { readFileSync } from 'node:fs';

/** What the lab reads of a process: its state letter, process group, start time and command name. */
export interface ProcStat {
  /** R, S, D, Z (zombie), X (dead), … */
  state: string;
  pgrp: number;
  /** When it started, in clock ticks since boot (field 22), as written: compare within one PID namespace only. */
  start: string;
  name: string;
}

/** Reads /proc/PID/stat (a thread's, /proc/PID/task/TID/stat, given `tid`); undefined when it is gone, not ours to read, or there is no /proc. */
export function procStat(pid: number | 'self', tid?: number): ProcStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return { state: fields[0], pgrp: Number(fields[2]), start: fields[19], name: stat.slice(stat.indexOf('(') + 1, close) };
}

/** Whether a stat is of a process that has ended (a zombie, or dead). */
export const ended = (s: ProcStat): boolean => s.state === 'Z' || s.state === 'X';
