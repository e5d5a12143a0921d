// The private temporary directory of one observation (sockets by path, files the snippets make),
// named after the observing process, and the removal of those left by observations that were
// killed. A run holds flock on its directory for as long as it lasts: a run that finds one unheld
// knows its owner is gone, whatever PID namespace either runs in (a container sharing /tmp sees
// no host process in its /proc).
import { closeSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tryLockExclusive } from '../snippets/lab/libc.ts';
import { tempBase } from '../snippets/lab/temp-base.ts';

// closing-time-PID-XXXXXX: no longer than it must be, since Unix socket paths made inside it
// are limited to 108 bytes.
const TEMP_PREFIX = 'closing-time-';

/**
 * The observation's private temporary directory, named after this process, and held (flock) until
 * `release()`. It is made under another name and renamed once held, so no run ever sees it unheld.
 * One line naming TMPDIR when it cannot be made. `prefix` names another kind of run's directories
 * (a test run's, say), which only a sweep with the same prefix removes.
 */
export function makeTempDir(prefix = TEMP_PREFIX): { dir: string; release: () => void } {
  const base = tempBase();
  try {
    const making = mkdtempSync(join(base, `${prefix}making-`));
    const fd = openSync(making, 'r');
    tryLockExclusive(fd);
    const dir = join(base, `${prefix}${process.pid}-${making.slice(-6)}`);
    renameSync(making, dir);
    return { dir, release: () => closeSync(fd) };
  } catch (e) {
    throw new Error(`cannot make a temporary directory in ${base} (TMPDIR): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Removes temporary directories (of observations, or of runs made with `prefix`) whose process is gone (killed before it could): those no run holds. */
export function removeStaleTempDirs(prefix = TEMP_PREFIX): void {
  let names: string[];
  const base = tempBase();
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(base, name);
    // One being made is held a moment later; one left half made (its maker killed then) is old.
    const making = name.startsWith(`${prefix}making-`);
    if (!making && !new RegExp(`^${prefix}\\d+-[A-Za-z0-9]{6}$`).test(name)) continue;
    let fd: number;
    try {
      if (making && Date.now() - statSync(path).mtimeMs < 60_000) continue;
      fd = openSync(path, 'r');
    } catch {
      continue;
    }
    try {
      if (tryLockExclusive(fd)) rmSync(path, { recursive: true, force: true });
    } finally {
      closeSync(fd);
    }
  }
}
