// The one reader of /proc/PID/stat (snippets/lab/proc-stat.ts), on a real process whose command
// name holds a space and a ')', as proc(5) allows.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ended, procStat } from '../../snippets/lab/proc-stat.ts';

it.runIf(process.platform === 'linux')('reads state, group, start and a name with ") " in it; a thread\'s too; a process that is gone is undefined', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'proc-stat-'));
  const odd = join(dir, 'odd) 1 2');
  copyFileSync('/bin/cat', odd);
  const child = spawn(odd, [], { stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    const self = procStat('self')!;
    const stat = procStat(child.pid!)!;
    expect(stat.name).toBe('odd) 1 2');
    expect(stat.pgrp).toBe(self.pgrp);
    expect(Number(stat.start)).toBeGreaterThanOrEqual(Number(self.start));
    expect(ended(stat)).toBe(false);
    // Its one thread, read through /proc/PID/task/TID/stat (the lab's blockedIn() reads a thread's state so).
    expect(procStat(child.pid!, child.pid!)).toMatchObject({ name: stat.name, pgrp: stat.pgrp, start: stat.start });
    expect(procStat(child.pid!, 1)).toBeUndefined();
  } finally {
    child.stdin!.end();
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
  // Reaped by Node once it exited: its pid names no process now.
  expect(procStat(child.pid!)).toBeUndefined();
});
