// One build at a time in a checkout: `npm run build` takes a lock file, and a second build waits
// for the first (saying so in one line) instead of both writing dist/ and site/generated/ over
// each other. The lock names its holder (pid and start time), so one left by a build that was
// killed is taken over at once.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the build's lock lives (beside Vite's and Astro's caches); CLOSING_TIME_BUILD_LOCK elsewhere (for tests). */
export const BUILD_LOCK =
  process.env.CLOSING_TIME_BUILD_LOCK ?? join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules/.cache/closing-time/build.lock');

/** A process's start time (/proc/PID/stat, field 22), so a reused pid is not taken for the holder; '' where there is no /proc. */
function started(pid: number): string | undefined {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? undefined : fields[19];
  } catch {
    return process.platform === 'linux' ? undefined : '';
  }
}

/** The holder of a lock, when it is a process still running. */
function liveHolder(file: string): { pid: number; since: string } | undefined {
  let holder: { pid: number; start: string; since: string };
  try {
    holder = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // unreadable or half written: its writer died with it
  }
  const now = started(holder.pid);
  return now !== undefined && (now === '' || now === holder.start) ? holder : undefined;
}

/**
 * Takes the lock for this process. While a running build holds it, calls `onWait` once with one
 * line naming it and waits, at most `waitMs`, then throws that line. A lock left by a process
 * that is gone is taken over. The lock is released by `release()`, and at exit.
 */
export async function acquireLock(file = BUILD_LOCK, waitMs = 15 * 60_000, onWait?: (line: string) => void): Promise<{ release: () => void }> {
  mkdirSync(dirname(file), { recursive: true });
  const me = JSON.stringify({ pid: process.pid, start: started(process.pid) ?? '', since: new Date().toISOString() });
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      writeFileSync(file, me, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot make the build lock ${file}: ${(e as NodeJS.ErrnoException).code}`);
    }
    const holder = liveHolder(file);
    if (!holder) {
      rmSync(file, { force: true }); // its holder is gone: take it over
      continue;
    }
    const line = `another build is running in this checkout (pid ${holder.pid}, since ${holder.since}); lock: ${file}`;
    if (Date.now() >= deadline) throw new Error(line);
    if (!told) onWait?.(`${line}; waiting for it to end`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const release = () => {
    try {
      if (readFileSync(file, 'utf8') === me) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return { release };
}
