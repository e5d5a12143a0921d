// One build at a time in a checkout: `npm run build` takes a lock, and a second build waits for
// the first (saying so in one line) instead of both writing dist/ and site/generated/ over each
// other. The lock is flock(2) on a file: the kernel drops it when its holder's last descriptor
// closes, however the holder ended (even SIGKILL), so there is no stale lock to judge, whatever
// PID namespace the holder ran in, and no race between waiters taking one over. The file's text
// names the holder (pid, since when), for the waiting line only.
import { closeSync, constants, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tryLockExclusive } from '../snippets/lab/libc.ts';
import { whyUnwritable } from '../observe/writable.ts';

/** Where the build's lock lives (beside Vite's and Astro's caches); CLOSING_TIME_BUILD_LOCK elsewhere (for tests). */
export const BUILD_LOCK =
  process.env.CLOSING_TIME_BUILD_LOCK ?? join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules/.cache/closing-time/build.lock');

/** Whether the open `fd` is still the file at `file` (a holder that released it unlinked it first). */
function stillThere(fd: number, file: string): boolean {
  try {
    return statSync(file).ino === fstatSync(fd).ino;
  } catch {
    return false;
  }
}

/** The holder's own words, from the lock file's text: whatever it holds, never a throw. */
function holderText(fd: number): string {
  let holder: unknown;
  try {
    holder = JSON.parse(readFileSync(fd, 'utf8'));
  } catch {
    holder = undefined; // empty (its holder is writing it) or not ours
  }
  const h = holder as { pid?: unknown; since?: unknown } | undefined;
  return typeof h?.pid === 'number' && typeof h.since === 'string' ? `pid ${h.pid}, since ${h.since}` : 'its holder has not said who it is yet';
}

/**
 * Takes the lock for this process. While a running build holds it, calls `onWait` once with one
 * line naming it and waits, at most `waitMs`, then throws that line. The lock is released by
 * `release()`, and at exit; the kernel releases it if this process is killed.
 */
export async function acquireLock(file = BUILD_LOCK, waitMs = 15 * 60_000, onWait?: (line: string) => void): Promise<{ release: () => void }> {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (e) {
    throw new Error(`cannot make the build lock ${file}: ${whyUnwritable(file, e)}`);
  }
  const deadline = Date.now() + waitMs;
  let told = false;
  let fd: number;
  for (;;) {
    try {
      fd = openSync(file, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
    } catch (e) {
      throw new Error(`cannot make the build lock ${file}: ${whyUnwritable(file, e)}`);
    }
    if (tryLockExclusive(fd)) {
      if (stillThere(fd, file)) break;
      closeSync(fd); // its holder released it (and removed the file) as we opened it: again, on the new one
      continue;
    }
    const line = `another build is running in this checkout (${holderText(fd)}); lock: ${file}`;
    closeSync(fd);
    if (Date.now() >= deadline) throw new Error(line);
    if (!told) onWait?.(`${line}; waiting for it to end`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  ftruncateSync(fd, 0);
  writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }), 0);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    // Removed while still held, so a waiter that opened it meanwhile sees it is gone and starts over.
    if (stillThere(fd, file)) unlinkSync(file);
    closeSync(fd);
  };
  process.once('exit', release);
  return { release };
}
