// A test run killed mid-test (Ctrl-C to vitest, a timeout, a dying worker) leaves no observe run
// going on by itself: the test helpers start observe tied to the test process
// (tiedToThisProcess(), test/helpers/observe-cli.ts), which gets SIGTERM when that process dies,
// even by SIGKILL, and cleans up as on any SIGTERM.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { blockedInPoll, until } from '../helpers/faults.ts';
import { processesOf } from '../helpers/leftovers.ts';
import { ended, procStat } from '../../snippets/lab/proc-stat.ts';

/** A stand-in for a test worker: starts observe as the helpers do, prints its pid, and waits to be killed. */
const standIn = `
import { spawn } from 'node:child_process';
import { tiedToThisProcess } from ${JSON.stringify(join(projectRoot, 'test/helpers/observe-cli.ts'))};
const tied = tiedToThisProcess();
const observe = spawn(process.execPath, [...tied.execArgv, 'observe/cli.ts', '-q', '--timeout', '600000', '--snippets', 'test/fixtures/snippets', 'fixture/hangs'], { env: { ...process.env, ...tied.env }, stdio: 'ignore' });
console.log(observe.pid);
setInterval(() => {}, 1 << 30);
`;

it.runIf(process.platform === 'linux')('the test process killed by SIGKILL while observe is stuck in a call: observe ends, and its worker with it', async () => {
  const worker = spawn(process.execPath, ['--input-type=module', '-e', standIn], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let observe: number | undefined;
  worker.stdout!.on('data', (d) => (out += d));
  const gone = new Promise((resolve) => worker.on('close', resolve));
  try {
    await until('the stand-in to start observe', () => /^\d+\n/.test(out));
    observe = Number(out.trim());
    await until('its worker to block in poll()', () => processesOf(observe!).some(blockedInPoll));
    worker.kill('SIGKILL');
    await gone;
    const alive = (pid: number) => {
      const stat = procStat(pid);
      return stat !== undefined && !ended(stat);
    };
    await until('observe to end after the process that started it', () => !alive(observe!) && processesOf(observe!).length === 0, 10_000);
  } finally {
    worker.kill('SIGKILL');
    // Where the tie failed, the orphan is this test's to end (SIGTERM: it cleans up as it does on any).
    if (observe && procStat(observe) && !ended(procStat(observe)!)) process.kill(observe, 'SIGTERM');
  }
});
