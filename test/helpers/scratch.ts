// A test file's temporary folder, made when a test first asks for it: a file whose tests are all
// skipped (vitest -t naming others) runs neither its tests nor its afterAll, and so makes none.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A function giving the file's temporary folder (`prefix` in `parent`), made and `fill`ed on the first call, removed after the file's tests. */
export function scratchDir(prefix: string, parent = tmpdir(), fill?: (dir: string) => void): () => string {
  let dir: string | undefined;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (dir === undefined) {
      dir = mkdtempSync(join(parent, prefix));
      fill?.(dir);
    }
    return dir;
  };
}
