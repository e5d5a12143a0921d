// npm test: `astro sync` (the types the checks need), then the type checks (.astro and .ts) and the
// tests side by side: the tests print as they go, each type check's output is printed when it ends.
// Exits non-zero if any of them failed, saying which in one line. Arguments go to vitest.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { compileCacheEnv } from '../observe/compile-cache.ts';

const root = join(import.meta.dirname, '..');
// Every Node process the tests start (observe, its workers, builds) shares the compile cache.
Object.assign(process.env, compileCacheEnv());
const bin = (name: string) => join(root, 'node_modules/.bin', name);

const sync = spawnSync(bin('astro'), ['sync'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (sync.status !== 0) {
  console.error('✗ astro sync failed');
  process.exit(1);
}

/** One step: its name, and the promise of its exit code; `quiet` steps keep their output until they end. */
function run(name: string, command: string, args: string[], quiet: boolean): Promise<{ name: string; code: number }> {
  const child = spawn(command, args, { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
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

const children: ReturnType<typeof spawn>[] = [];
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    for (const c of children) c.kill(sig);
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

const results = await Promise.all([
  run('astro check', bin('astro'), ['check', '--tsconfig', 'site/tsconfig.json', '--minimumFailingSeverity', 'warning'], true),
  run('tsc', bin('tsc'), ['--noEmit'], true),
  run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=./test/helpers/summary-reporter.ts', ...process.argv.slice(2)], false),
]);
const failed = results.filter((r) => r.code !== 0).map((r) => r.name);
if (failed.length) console.error(`✗ failed: ${failed.join(', ')}`);
else console.log('type checks and tests passed');
process.exit(failed.length ? 1 : 0);
