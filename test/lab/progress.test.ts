// How the observer knows a run is still moving: the worker's progress file (observe/progress-file.ts)
// and the bound on a run (runBound in observe/stop-aware-timeout.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { progressText, progressWriter, readProgress } from '../../observe/progress-file.ts';
import { RUN_LIMIT_FACTOR, runBound } from '../../observe/stop-aware-timeout.ts';
import { scratchDir } from '../helpers/scratch.ts';

const dir = scratchDir('closing-time-progress-');

it('reads back the last call written; a record half written is not taken for one; no file is no progress', () => {
  const file = join(dir(), 'progress-1');
  expect(readProgress(file)).toBeUndefined();
  expect(progressText(file)).toBe('');
  const show = progressWriter(file);
  show({ run: 3, line: 12, returned: false });
  show({ run: 3, line: 7, returned: true });
  expect(readProgress(file)).toEqual({ run: 3, line: 7, returned: true });
  // The same call again changes the record: each write is progress.
  const before = progressText(file);
  show({ run: 3, line: 7, returned: true });
  expect(progressText(file)).not.toBe(before);
  // The start of a longer record over the end of an older one: its two counts differ.
  writeFileSync(file, '10 3 7 1 9\n');
  expect(readProgress(file)).toBeUndefined();
});

/** Resolves with what runBound fired, and when (ms after it was made). */
function fired(ms: number, moved?: () => boolean, progressAt: number[] = []): Promise<{ why: string; after: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const bound = runBound((why) => resolve({ why, after: performance.now() - t0 }), ms, moved);
    for (const at of progressAt) setTimeout(() => bound.progress(), at);
  });
}

it('fires "idle" after the timeout without progress, and not before', async () => {
  const { why, after } = await fired(100);
  expect(why).toBe('idle');
  expect(after).toBeGreaterThanOrEqual(99);
});

it('keeps waiting while progress is reported or looked up, and fires "limit" at RUN_LIMIT_FACTOR × the timeout', async () => {
  const reported = await fired(100, undefined, Array.from({ length: 20 }, (_, i) => 50 * (i + 1)));
  expect(reported.why).toBe('limit');
  expect(reported.after).toBeGreaterThanOrEqual(RUN_LIMIT_FACTOR * 100 - 1);
  const lookedUp = await fired(100, () => true);
  expect(lookedUp.why).toBe('limit');
  expect(lookedUp.after).toBeGreaterThanOrEqual(RUN_LIMIT_FACTOR * 100 - 1);
});
