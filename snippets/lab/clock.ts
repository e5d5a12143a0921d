// How long a call took, for the few scenarios whose point is that a call waits (a lingering close).
import { recorder } from './recorder.ts';

/** A moment to measure from: not a recorded call. */
export function startClock(): number {
  return performance.now();
}

/** Whole seconds since `started` (rounded down), recorded: how long the calls in between waited. */
export function elapsedSeconds(started: number): number | string {
  return recorder().record({ method: 'elapsedSeconds', kind: 'clock' }, () => ({
    result: Math.floor((performance.now() - started) / 1000),
    sigpipe: false,
  }));
}
