// npm run bench [-- transport or id …]: prints how long observing takes and whether outcomes hold
// still over 200 runs, idle and with every core kept busy by other processes. Figures to read and
// quote; it exits 1 if a scenario was unstable or failed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileOf, scenarioIds } from '../observe/catalogue.ts';
import { parseSnippet } from '../snippets/lab/syntax.ts';
import { observe } from '../observe/run.ts';

const wanted = process.argv.slice(2);
const all = scenarioIds()
  .filter((id) => !wanted.length || wanted.some((w) => id === w || id.startsWith(w + '/')))
  .map((id) => ({ id, file: fileOf(id) }));
const slow = (f: { id: string; file: string }) => parseSnippet(readFileSync(f.file, 'utf8'), f.file).slow !== undefined;
const fast = all.filter((f) => !slow(f));
const timers = all.filter(slow);
const parallel = Math.min(2, availableParallelism());

/** Observes and prints one line of figures; returns how many scenarios were not stable. */
async function measure(label: string, files: typeof all, repetitions: number): Promise<number> {
  const started = performance.now();
  const out = await observe(files, { repetitions, timeoutMs: 10_000, parallel });
  const wall = performance.now() - started;
  const unstable = out.observations.scenarios.filter((s) => !s.stable).map((s) => s.id);
  const runs = out.observations.scenarios.reduce((n, s) => n + (s.runs ?? repetitions), 0);
  console.log(
    `${label.padEnd(44)} ${String(files.length).padStart(3)} scenarios ${String(runs).padStart(5)} runs ` +
      `${(out.elapsedMs / 1000).toFixed(2).padStart(6)} s observe ${(wall / 1000).toFixed(2).padStart(6)} s wall  ` +
      `unstable: ${unstable.length ? unstable.join(', ') : 'none'}  failures: ${out.failures.length}`,
  );
  for (const f of out.failures) console.log(`    ✗ ${f}`);
  return unstable.length + out.failures.length;
}

/** Keeps every core busy with plain busy loops in other processes until stopped. */
function load(): () => void {
  const burners = Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  return () => burners.forEach((b) => b.kill('SIGKILL'));
}

console.log(`node ${process.version}, ${availableParallelism()} cores, ${parallel} observer workers (+1 per slow run)\n`);
let bad = 0;
bad += await measure('every scenario without a kernel timer, × 20', fast, 20);
// The same per transport: where the time goes.
const transports = [...new Set(fast.map((f) => f.id.split('/')[0]))];
if (transports.length > 1) for (const t of transports) bad += await measure(`  ${t}, × 20`, fast.filter((f) => f.id.startsWith(t + '/')), 20);
if (timers.length) bad += await measure('the kernel-timer scenarios (their own runs)', timers, 20);
bad += await measure('all of them, × 20', all, 20);
bad += await measure('without the kernel timers, × 200, idle', fast, 200);
const stop = load();
try {
  bad += await measure('without the kernel timers, × 200, cores busy', fast, 200);
} finally {
  stop();
}
process.exitCode = bad ? 1 : 0;
