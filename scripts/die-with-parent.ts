// Loaded first (node --import) into each step the build starts: the step gets
// CLOSING_TIME_PARENT_DEATH_SIGNAL when the build dies, even by SIGKILL, so no observe run or
// astro build goes on writing after the build that started it is gone.
import { constants } from 'node:os';
import { dieWithParent } from '../snippets/lab/libc.ts';

const name = process.env.CLOSING_TIME_PARENT_DEATH_SIGNAL as NodeJS.Signals | undefined;
const parent = Number(process.env.CLOSING_TIME_PARENT_PID);
delete process.env.CLOSING_TIME_PARENT_DEATH_SIGNAL;
delete process.env.CLOSING_TIME_PARENT_PID;
if (name && constants.signals[name]) {
  dieWithParent(constants.signals[name]);
  // The build may have died before the line above: then this step was already re-parented.
  if (parent && process.ppid !== parent) process.kill(process.pid, name);
}
