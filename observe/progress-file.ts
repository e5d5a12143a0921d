// Where a worker shows how far its run has got: a small file it rewrites in place (one pwrite) as
// each call starts and returns, and the observer reads only when it needs to know: is the run
// still moving, and where did it stop. A message per call would wake the observer hundreds of
// times a second for nothing.
import { openSync, readFileSync, writeSync } from 'node:fs';

/** The environment variable that gives a worker the path of its progress file. */
export const PROGRESS_FILE = 'CLOSING_TIME_PROGRESS';

/** How far a run has got: which of the worker's runs (1, 2, … over all its jobs), the line of its last call, and whether that call returned. */
export interface Progress {
  run: number;
  line: number;
  returned: boolean;
}

// One record: "seq run line returned seq", seq counting every write (a call that starts or returns
// on the same line as the last is progress too), padded to a fixed size so a shorter record leaves
// nothing of a longer one behind; seq is written twice, so a read that met a write half done is seen.
const SIZE = 48;

/** The worker's side: a function that records its progress (the file is created, or emptied, now). */
export function progressWriter(path: string): (p: Progress) => void {
  const fd = openSync(path, 'w');
  const record = Buffer.alloc(SIZE, ' ');
  let seq = 0;
  return ({ run, line, returned }) => {
    seq++;
    record.fill(' ').write(`${seq} ${run} ${line} ${returned ? 1 : 0} ${seq}\n`);
    writeSync(fd, record, 0, SIZE, 0);
  };
}

/** The observer's side: the raw record (any change is progress), or '' before the worker made it. */
export function progressText(path: string): string {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return '';
  }
}

/** What the record says, once whole: one read half written is read again (a writer rewrites it within microseconds). */
export function readProgress(path: string): Progress | undefined {
  const parse = (text: string): Progress | undefined => {
    const m = /^(\d+) (\d+) (\d+) ([01]) (\d+)\n/.exec(text);
    return m && m[1] === m[5] ? { run: Number(m[2]), line: Number(m[3]), returned: m[4] === '1' } : undefined;
  };
  return parse(progressText(path)) ?? parse(progressText(path));
}
