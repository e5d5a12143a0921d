// npm test: `astro sync` (the types the checks need), then the type checks (.astro and .ts) and the
// tests side by side: the tests print as they go, each type check's output is printed when it ends.
// Exits non-zero if any of them failed, saying which in one line. Arguments go to vitest.
// Everything the run makes in TMPDIR (test builds, observe runs, Chromium's profile) goes in one
// folder of the run's, held (flock) while it lasts and removed when it ends, also on Ctrl-C; a run
// killed outright leaves it unheld, and the next run removes it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCacheEnv } from '../observe/compile-cache.ts';
import { makeTempDir, removeStaleTempDirs } from '../observe/temp-dirs.ts';

const root = join(import.meta.dirname, '..');
// Every Node process the tests start (observe, its workers, builds) shares the compile cache.
Object.assign(process.env, compileCacheEnv());

const RUN_PREFIX = 'closing-time-tests-';
removeStaleTempDirs(RUN_PREFIX);
const runTmp = makeTempDir(RUN_PREFIX);
// Site builds made for the tests outlive the run on purpose (the next run with the same sources reuses them): they stay in TMPDIR itself.
process.env.CLOSING_TIME_TEST_BUILDS ??= tmpdir();
process.env.TMPDIR = runTmp.dir;
const removeRunDir = () => {
  rmSync(runTmp.dir, { recursive: true, force: true });
  runTmp.release();
};
const bin = (name: string) => join(root, 'node_modules/.bin', name);
// The checks and vitest are Node scripts, started with the build's preload that ends them when this
// process dies, even by SIGKILL (scripts/die-with-parent.ts): none goes on after the run is gone.
const SCRIPTS: Record<string, string> = { astro: 'astro/bin/astro.mjs', tsc: 'typescript/bin/tsc', vitest: 'vitest/vitest.mjs' };
const tiedNode = (name: string, args: string[]): [string, string[]] => [
  process.execPath,
  ['--import', join(root, 'scripts/die-with-parent.ts'), join(root, 'node_modules', SCRIPTS[name]), ...args],
];

const sync = spawnSync(bin('astro'), ['sync'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (sync.status !== 0) {
  console.error('✗ astro sync failed');
  removeRunDir();
  process.exit(1);
}

/** One step: its name, and the promise of its exit code; `quiet` steps keep their output until they end. */
function run(name: string, [command, args]: [string, string[]], quiet: boolean): Promise<{ name: string; code: number }> {
  const child = spawn(command, args, {
    cwd: root,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, CLOSING_TIME_PARENT_DEATH_SIGNAL: 'SIGTERM', CLOSING_TIME_PARENT_PID: String(process.pid) },
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return new Promise((resolve) => {
    child.on('error', (e) => {
      output += `${e.message}\n`;
      resolve({ name, code: 1 });
    });
    child.on('close', (code, signal) => {
      // A failed check prints all it said; a passing one its last line (its summary), if any.
      if (quiet && code !== 0) process.stdout.write(`\n── ${name} failed ──\n${output}`);
      else if (quiet) console.log(`── ${name}: ${output.trim().split('\n').at(-1)?.replace(/\x1b\[[0-9;]*m/g, '') || 'no errors'}`);
      resolve({ name, code: code ?? (signal ? 1 : 0) });
    });
  });
}

const children: ChildProcess[] = [];
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, async () => {
    const ended = children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((resolve) => c.once('close', resolve)));
    for (const c of children) c.kill(sig);
    // What they were writing is finished or abandoned before their folder goes (bounded: a child that ignores the signal does not hold the run).
    await Promise.race([Promise.all(ended), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    removeRunDir();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

const results = await Promise.all([
  run('astro check', tiedNode('astro', ['check', '--tsconfig', 'site/tsconfig.json', '--minimumFailingSeverity', 'warning']), true),
  run('tsc', tiedNode('tsc', ['--noEmit']), true),
  run('vitest', tiedNode('vitest', ['run', '--reporter=default', '--reporter=./test/helpers/summary-reporter.ts', ...process.argv.slice(2)]), false),
]);
removeRunDir();
const failed = results.filter((r) => r.code !== 0).map((r) => r.name);
if (failed.length) console.error(`✗ failed: ${failed.join(', ')}`);
else console.log('type checks and tests passed');
process.exit(failed.length ? 1 : 0);
