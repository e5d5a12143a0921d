// Runs scenarios in a child process, so a stuck one can be stopped without losing the others.
// Reads one job per line on stdin ({"id", "file", "repetitions"}), and writes one JSON line per
// event to fd 3:
//   {"start": {id, rep}}  {"step": {id, rep, line, code}}  {"done": {id, traces}}
//   {"skipped": {id, reason}}  {"error": {id, message}}
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { installRecorder, type RecordedCall } from '../snippets/lab/recorder.ts';
import { currentPlatform } from '../snippets/lab/platform.ts';
import { keptDescriptors, startSecondThread } from '../snippets/lab/thread.ts';
// Loaded before any fd is counted, so what the lab opens once for good is not taken for a leak.
import '../snippets/lab/index.ts';

/** One scenario for a worker to observe. */
export interface Job {
  id: string;
  file: string;
  repetitions: number;
}

const emit = (event: object) => writeSync(3, JSON.stringify(event) + '\n');
const platform = currentPlatform();

async function observe({ id, file, repetitions }: Job): Promise<void> {
  try {
    const fdsBefore = new Set(platform.openFds());
    const traces: RecordedCall[][] = [];
    for (let rep = 1; rep <= repetitions; rep++) {
      emit({ start: { id, rep } });
      const r = installRecorder();
      r.onStep = (site) => emit({ step: { id, rep, line: site.line, code: site.code } });
      try {
        await import(`${pathToFileURL(file).href}?rep=${rep}`);
      } finally {
        await r.dispose();
      }
      traces.push(r.calls);
    }
    const kept = keptDescriptors();
    const leaked = platform.openFds().filter((fd) => !fdsBefore.has(fd) && !kept.has(fd));
    if (leaked.length) throw new Error(`left ${leaked.length} file descriptor(s) open`);
    emit({ done: { id, traces } });
  } catch (e) {
    if ((e as { skip?: boolean }).skip) emit({ skipped: { id, reason: (e as Error).message } });
    else emit({ error: { id, message: (e as Error).message.split('\n')[0] } });
  }
}

// The lab's second thread takes long to start on a busy machine: start it before any run is timed.
await startSecondThread();

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim()) await observe(JSON.parse(line) as Job);
}
