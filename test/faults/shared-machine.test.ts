// Observe on a machine it shares: with runs in other PID namespaces (a container sharing /tmp and
// /run/netns), with a terminal that stops and resumes it, with a long TMPDIR. No run takes
// another's things for stale, and a stopped observer does not blame its snippets.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { blockedInPoll, canNamespace, leftovers, NOTHING, observeRunsOfThisFile, stackLines, until } from '../helpers/faults.ts';
import { namespacesOf, processesOf } from '../helpers/leftovers.ts';

const start = observeRunsOfThisFile();
const FIXTURES = ['--snippets', 'test/fixtures/snippets'];
const canUnshare = process.getuid?.() === 0 && spawnSync('unshare', ['-pf', '--mount-proc', 'true']).status === 0;

it.runIf(canUnshare)('a run in another PID namespace, sharing TMPDIR and /run/netns, leaves a live run\'s temporary folder and namespaces alone', async () => {
  const fixture = canNamespace ? 'faults/blocks-in-namespace' : 'fixture/hangs';
  const host = start(['-q', '--timeout', '600000', ...FIXTURES, fixture]);
  await until('its worker to block in poll()', () => processesOf(host.pid).some(blockedInPoll));
  const mine = () => ({ dirs: readdirSync(host.tmp).filter((f) => f.startsWith(`closing-time-${host.pid}-`)), namespaces: namespacesOf(host.pid) });
  const before = mine();
  expect(before.dirs).toHaveLength(1);
  expect(before.namespaces).toHaveLength(canNamespace ? 1 : 0);
  const guest = spawnSync('unshare', ['-pf', '--mount-proc', process.execPath, join(projectRoot, 'observe/cli.ts'), '-q', '-n', '1', ...FIXTURES, 'fixture/fine'], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: host.tmp },
    timeout: 30_000,
  });
  expect(guest.status, guest.stderr).toBe(0);
  expect(mine()).toEqual(before);
  process.kill(-host.pid, 'SIGINT');
  const end = await host.done;
  expect(end.code, end.stderr).toBe(130);
  expect(stackLines(end.stderr)).toEqual([]);
  expect(leftovers(host)).toEqual(NOTHING);
});

/** A process's state letter (R, S, T for stopped…), from /proc/PID/stat. */
const stateOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2)[0];
};

it('Ctrl-Z, then fg after longer than --timeout: the time the observer was stopped is not counted against its snippets', async () => {
  // Its run waits 4 s in poll(): a window wide enough to see on a loaded machine.
  const run = start(['-q', '-n', '1', '--timeout', '5000', ...FIXTURES, 'timing/waits']);
  await until('its worker to wait in poll()', () => processesOf(run.pid).some(blockedInPoll));
  // What Ctrl-Z does (SIGTSTP from a terminal; this group has none, so the kernel would discard a TSTP).
  process.kill(-run.pid, 'SIGSTOP');
  await until('observe to stop', () => stateOf(run.pid) === 'T');
  // Stopped for longer than --timeout: what is tested is that this time does not count.
  await new Promise((resolve) => setTimeout(resolve, 6000));
  process.kill(-run.pid, 'SIGCONT');
  const end = await run.done;
  expect(end.stderr.split('\n').filter((l) => l.startsWith('✗'))).toEqual([]);
  expect(end.code, end.stderr).toBe(0);
  expect(leftovers(run)).toEqual(NOTHING);
});

it.runIf(process.getuid?.() === 0)('as root, a snippet runs in a network namespace of its own: a port the host listens on, on loopback, is not there', async () => {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const port = (server.address() as AddressInfo).port;
    const run = start(['-q', '-n', '1', ...FIXTURES, 'confinement/host-port'], { CLOSING_TIME_TEST_HOST_PORT: String(port) });
    const end = await run.done;
    expect(end.stderr.split('\n').filter((l) => l.startsWith('✗'))).toEqual([]);
    expect(end.code, end.stderr).toBe(0);
    expect(leftovers(run)).toEqual(NOTHING);
  } finally {
    server.close();
  }
});
