// Runs scenarios in a child process, so a stuck one can be stopped without losing the others.
// Reads one job per line on stdin ({"id", "file", "repetitions"}), and writes one JSON line per
// event to fd 3:
//   {"loading": {id}} (once per file, before its first run)  {"start": {id, rep}}
//   {"lingering": {id, rep, left}}  {"done": {id, traces}}  {"skipped": {id, reason}}
//   {"error": {id, message}}
// and each call's start and return in its progress file (observe/progress-file.ts).
// After a scenario fails it exits, so what the scenario left behind cannot touch the next one;
// the observer starts a fresh worker. It also dies with the observer (PR_SET_PDEATHSIG).
import { readFileSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import koffi from 'koffi';
import { installRecorder, type RecordedCall } from '../snippets/lab/recorder.ts';
import { currentPlatform } from '../snippets/lab/platform.ts';
import { keptCaptureDescriptors } from '../snippets/lab/capture.ts';
import { keptDescriptors, startSecondThread } from '../snippets/lab/thread.ts';
import { framePlace, placeText, syntaxErrorPlace, thrownText, ThrowWatcher, type Place } from './where.ts';
import { killEach, processesLeft, WORKER_MARK } from './strays.ts';
import { bringUpLoopback } from './confinement.ts';
import { staticImports } from '../snippets/lab/syntax.ts';
import { PROGRESS_FILE, progressWriter } from './progress-file.ts';
// Loaded before any fd is counted, so what the lab opens once for good is not taken for a leak.
import '../snippets/lab/index.ts';

/** One scenario for a worker to observe. */
export interface Job {
  id: string;
  file: string;
  repetitions: number;
}

const platform = currentPlatform();
const realExit = process.exit.bind(process);

/** Asks the kernel to SIGKILL this worker when the observer that started it dies. */
function dieWithObserver(): void {
  if (process.platform !== 'linux') return;
  const prctl = koffi.load(platform.libc).func('int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)');
  prctl(1 /* PR_SET_PDEATHSIG */, 9 /* SIGKILL */, 0, 0, 0);
  // The observer may have died before the line above: then this worker was already re-parented.
  if (process.env.CLOSING_TIME_OWNER && process.ppid !== Number(process.env.CLOSING_TIME_OWNER)) realExit(1);
}
dieWithObserver();
bringUpLoopback();
// Every process a snippet starts inherits this mark, even one that leaves the worker's group.
process.env[WORKER_MARK] = String(process.pid);

let orphaned = false;
const emit = (event: object) => {
  if (orphaned) return;
  try {
    writeSync(3, JSON.stringify(event) + '\n');
  } catch {
    orphaned = true; // the observer is gone; finish cleaning up and exit
  }
};

// Made before any fd is counted; the snippet's processes are not told where it is.
const showProgress = progressWriter(process.env[PROGRESS_FILE]!);
delete process.env[PROGRESS_FILE];

const files = new Set<string>();
const idOfFile = new Map<string, string>();
const watcher = new ThrowWatcher(() => files);
/** The repetition running now. */
let current: { id: string; rep: number } | undefined;
/** Scenarios already reported failed by this worker. */
const failed = new Set<string>();
/** Where a snippet called process.exit(). */
let exitPlace: Place | undefined;

function fail(id: string, message: string): void {
  if (failed.has(id)) return;
  failed.add(id);
  emit({ error: { id, message } });
}

/** One line for a thrown value: what it was, and the snippet line it was thrown from. */
function describe(value: unknown, rep: number): string {
  const place = syntaxErrorPlace(value) ?? watcher.lastThrow() ?? framePlace((value as Error)?.stack, files);
  return `${thrownText(value)}${place ? ` at ${placeText(place)}` : ''} (repetition ${rep})`;
}

// A snippet that calls process.exit() ends this worker: say where, and leave the clean-up of
// what it made (namespaces, directories) to the observer, which knows this worker's names.
process.exit = ((code?: number | string | null) => {
  exitPlace = framePlace(new Error().stack, files);
  return realExit(code);
}) as typeof process.exit;
process.on('exit', (code) => {
  if (!current) return;
  fail(current.id, `called process.exit(${code})${exitPlace ? ` at ${placeText(exitPlace)}` : ''} (repetition ${current.rep})`);
});

// A throw outside the awaited code (in a timer, say) belongs to the snippet it was thrown from.
const stray = (value: unknown) => {
  const place = watcher.lastThrow() ?? framePlace((value as Error)?.stack, files);
  const id = (place && idOfFile.get(place.file)) ?? current?.id;
  if (id) fail(id, describe(value, current?.rep ?? 1));
};
process.on('uncaughtException', stray);
process.on('unhandledRejection', stray);

// Made now, not by the first snippet that prints (or starts a thread, whose output goes there),
// so their handles are there before any run and not taken for something a run left open.
void process.stdout;
void process.stderr;

const resources = () => {
  const counts = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts;
};

/** Waits until the run's timers, servers and the like are gone; the observer's timeout bounds the wait. */
async function settle(before: Map<string, number>, id: string, rep: number): Promise<void> {
  let told = false;
  // What the snippet started through process.nextTick (a listen() given a host, say) shows up
  // only after a turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  for (;;) {
    const left = [...resources()].filter(([r, n]) => n > (before.get(r) ?? 0)).map(([r]) => r);
    if (left.length === 0) return;
    if (!told) emit({ lingering: { id, rep, left } });
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** How many times this worker has run a snippet: each run imports it under a URL of its own, so it runs again (a second job of the same scenario included). */
let imports = 0;

/**
 * Loads, once per file, the modules a snippet imports (the lab's, Node's), before its first run
 * starts: the observer's bound is on running the snippet, and on a busy machine compiling the
 * lab's modules for it can take seconds. A module that fails to load here fails in the run itself,
 * where the failure is placed.
 */
async function loadImportsOf(id: string, file: string): Promise<void> {
  if (files.has(file)) return;
  emit({ loading: { id } });
  for (const spec of staticImports(readFileSync(file, 'utf8'))) {
    await import(spec.startsWith('.') ? new URL(spec, pathToFileURL(file)).href : spec).catch(() => {});
  }
}

async function observe({ id, file, repetitions }: Job): Promise<void> {
  await loadImportsOf(id, file);
  files.add(file);
  idOfFile.set(file, id);
  const fdsBefore = new Set(platform.openFds());
  const before = resources();
  const traces: RecordedCall[][] = [];
  try {
    for (let rep = 1; rep <= repetitions; rep++) {
      current = { id, rep };
      watcher.reset();
      emit({ start: { id, rep } });
      const r = installRecorder();
      r.onStep = (site) => showProgress({ run: imports, line: site.line, returned: false });
      r.onStepDone = (site) => showProgress({ run: imports, line: site.line, returned: true });
      try {
        await import(`${pathToFileURL(file).href}?run=${++imports}`);
      } catch (e) {
        if ((e as { skip?: boolean }).skip) throw e;
        throw new Error(describe(e, rep));
      } finally {
        await r.dispose();
      }
      if (failed.has(id)) return;
      await settle(before, id, rep);
      traces.push(r.calls);
    }
    // The lab has ended the processes it started (at dispose); any other one the snippet left.
    const left = processesLeft(process.pid, `${WORKER_MARK}=${process.pid}`);
    if (left.length) {
      killEach(left);
      const counts = new Map<string, number>();
      for (const p of left) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
      const named = [...counts].sort().map(([name, n]) => (n > 1 ? `${name} ×${n}` : name));
      throw new Error(`left ${left.length} process(es) running after its runs: ${named.join(', ')} (killed)`);
    }
    const kept = new Set([...keptDescriptors(), ...keptCaptureDescriptors()]);
    const leaked = platform.openFds().filter((fd) => !fdsBefore.has(fd) && !kept.has(fd));
    if (leaked.length) throw new Error(`left ${leaked.length} file descriptor(s) open`);
    emit({ done: { id, traces } });
  } catch (e) {
    if ((e as { skip?: boolean }).skip) {
      const onPlatform = (e as { scope?: string }).scope === 'platform';
      emit({ skipped: { id, reason: (e as Error).message, ...(onPlatform ? { on: 'platform' } : {}) } });
    } else fail(id, (e as Error).message.split('\n')[0]);
  } finally {
    current = undefined;
  }
}

// The lab's second thread takes long to start on a busy machine: start it before any run is timed.
await startSecondThread();

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  await observe(JSON.parse(line) as Job);
  if (failed.size || orphaned) break;
}
realExit(0);
