// Timeouts that do not count time the observer spent stopped (Ctrl-Z, SIGSTOP) against a snippet:
// after a SIGCONT, a timeout that fell due while stopped starts its wait again. Its workers, in
// process groups of their own, ran on meanwhile; the observer just could not read them.

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
