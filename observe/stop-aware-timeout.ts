// Timeouts that do not count time the observer spent stopped (Ctrl-Z, SIGSTOP) against a snippet:
// after a SIGCONT, a timeout that fell due while stopped starts its wait again. Its workers, in
// process groups of their own, ran on meanwhile; the observer just could not read them. And the
// bound on a run, which is on its progress: on a busy machine a run is slow, a hung one makes none.

let resumedAt = -Infinity;
let listening = false;

/** A cancellable wait. */
export interface Wait {
  clear(): void;
}

/** Calls `fire` after `ms` of time this process was not stopped in (time before a SIGCONT does not count). */
export function stopAwareTimeout(fire: () => void, ms: number): Wait {
  if (!listening) {
    listening = true;
    process.on('SIGCONT', () => (resumedAt = performance.now()));
  }
  let cleared = false;
  let armedAt = performance.now();
  const timer = setTimeout(() => {
    // A SIGCONT that came with this wake-up is handled in the poll phase, after the timers: look
    // once it has been.
    setImmediate(() => {
      if (cleared) return;
      if (resumedAt < armedAt) return fire();
      armedAt = performance.now();
      timer.refresh();
    });
  }, ms);
  return {
    clear() {
      cleared = true;
      clearTimeout(timer);
    },
  };
}

/** A run may keep making progress for at most this many times its timeout. */
export const RUN_LIMIT_FACTOR = 4;

/** How long a run went before `runBound` fired, as a failure says it ('5000 ms without progress'). */
export function boundWords(why: 'idle' | 'limit', ms: number): string {
  return why === 'idle' ? `${ms} ms without progress` : `${RUN_LIMIT_FACTOR * ms} ms, the most a run may take (${RUN_LIMIT_FACTOR} × the timeout)`;
}

/** A bound on a run that reports its progress. */
export interface RunBound extends Wait {
  /** The run made progress (a call started or returned): its wait for the next starts again. */
  progress(): void;
}

/**
 * Calls `fire('idle')` once a run has gone `ms` without progress, or `fire('limit')` once it has
 * run RUN_LIMIT_FACTOR × `ms` in all, whichever comes first (neither counts time stopped).
 * Progress is reported (`progress()`), or looked up when the wait is up: `moved()` says whether
 * the run moved since it was last asked (then the wait starts again).
 */
export function runBound(fire: (why: 'idle' | 'limit') => void, ms: number, moved: () => boolean = () => false): RunBound {
  let idle: Wait | undefined;
  const limit = stopAwareTimeout(() => {
    idle?.clear();
    fire('limit');
  }, RUN_LIMIT_FACTOR * ms);
  const progress = () => {
    idle?.clear();
    idle = stopAwareTimeout(() => {
      if (moved()) return progress();
      limit.clear();
      fire('idle');
    }, ms);
  };
  progress();
  return {
    progress,
    clear() {
      idle?.clear();
      limit.clear();
    },
  };
}
