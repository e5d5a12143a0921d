// Observe under an unusual environment: a PATH without the system folders, a long TMPDIR, a
// read-only checkout. Each works, or fails once in one line that names the cause.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { canNamespace, observeBounded, observeRunsOfThisFile } from '../helpers/faults.ts';
import { TEMP_BASE_MAX } from '../../snippets/lab/temp-base.ts';

const startObserve = observeRunsOfThisFile();

/** A PATH with Node's folder only: none of the system folders where ip and nft live. */
const PATH_WITHOUT_SBIN = dirname(process.execPath);

it.runIf(canNamespace)('with a PATH that lacks /usr/sbin (and every system folder), the dead-peer scenarios still find ip and nft, and run them from where they were found', () => {
  const run = observeBounded(['-q', '-n', '1', 'tcp/user-timeout', 'tcp/keepalive-timeout'], { PATH: PATH_WITHOUT_SBIN });
  expect(run.stderr.split('\n').filter((l) => l.startsWith('✗'))).toEqual([]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toMatch(/^observed 2 of 2 scenario\(s\)/m);
});

it.runIf(canNamespace)('a namespace left by a run is removed by the next even when ip is not on its PATH', () => {
  const name = `closing-time-${process.pid}-1-1-1-1`; // its maker (pid 1, started at tick 1) is long gone
  execFileSync('ip', ['netns', 'add', name]);
  try {
    const r = spawnSync(process.execPath, ['-e', `import('${join(projectRoot, 'snippets/lab/namespaces.ts')}').then((m) => console.log(m.removeNamespace('${name}')))`], {
      encoding: 'utf8',
      env: { ...process.env, PATH: PATH_WITHOUT_SBIN },
    });
    expect(r.stdout.trim(), r.stderr).toBe('true');
    expect(existsSync(`/run/netns/${name}`)).toBe(false);
  } finally {
    spawnSync('ip', ['netns', 'delete', name]);
  }
});

it('with a TMPDIR too long for Unix socket paths, the scenarios that bind paths still run (in /tmp), and nothing is left in either', async () => {
  const long = join(mkdtempSync(join(tmpdir(), 'faults-')), 'a-folder-name-long-enough-that-socket-paths-below-it-would-not-fit');
  mkdirSync(long);
  try {
    expect(Buffer.byteLength(long)).toBeGreaterThan(TEMP_BASE_MAX);
    const run = startObserve(['-q', '-n', '1', 'unix-stream', 'unix-seqpacket', 'unix-dgram'], { TMPDIR: long });
    const end = await run.done;
    expect(end.stderr.split('\n').filter((l) => l.startsWith('✗'))).toEqual([]);
    expect(end.code, end.stderr).toBe(0);
    expect(readdirSync(long)).toEqual([]);
    expect(readdirSync('/tmp').filter((f) => f.startsWith(`closing-time-${run.pid}-`))).toEqual([]);
  } finally {
    rmSync(dirname(long), { recursive: true, force: true });
  }
});

/** Runs `command` with the checkout mounted read-only (in a mount namespace of its own: nothing else sees it). */
function inReadOnlyCheckout(command: string[], env: Record<string, string> = {}) {
  const quoted = command.map((a) => `'${a}'`).join(' ');
  return spawnSync('unshare', ['-m', 'sh', '-c', `mount --make-rprivate / && mount --bind -o ro '${projectRoot}' '${projectRoot}' && exec ${quoted}`], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
}
const canMount = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;

it.runIf(canMount)('in a read-only checkout, the build and observe --out say "read-only file system", in one line, not ENOENT', () => {
  const missing = join(projectRoot, `.tmp-readonly-${process.pid}`);
  const build = inReadOnlyCheckout([process.execPath, 'scripts/build.ts'], { CLOSING_TIME_BUILD_LOCK: join(missing, 'build.lock') });
  expect(build.stderr.trim()).toBe(`✗ cannot make the build lock ${join(missing, 'build.lock')}: EROFS: read-only file system`);
  expect(build.status).toBe(1);
  const out = join(missing, 'observations.json');
  const observe = inReadOnlyCheckout([process.execPath, 'observe/cli.ts', '-q', '--out', out, 'tcp/peer-closed-then-read']);
  expect(observe.stderr.trim()).toBe(`--out ${out}: cannot write there (EROFS: read-only file system)`);
  expect(observe.status).toBe(2);
  expect(existsSync(missing)).toBe(false);
});
