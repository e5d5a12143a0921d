// What a worker process says on fd 3, one JSON line per event (observe/worker.ts writes them), and
// the plain words for what a run left open.
import type { RecordedCall } from '../snippets/lab/recorder.ts';

/** One event a worker reports. */
export type WorkerEvent =
  | { start: { id: string; rep: number } }
  | { step: { id: string; rep: number; line: number; code: string } }
  | { stepDone: { id: string; rep: number; line: number } }
  | { lingering: { id: string; rep: number; left: string[] } }
  | { done: { id: string; traces: RecordedCall[][] } }
  | { skipped: { id: string; reason: string } }
  | { error: { id: string; message: string } };

/** A scenario's result as the worker reports it. */
export type Finished = Extract<WorkerEvent, { done: unknown } | { skipped: unknown }>;

const EVENTS = ['start', 'step', 'stepDone', 'lingering', 'done', 'skipped', 'error'];

/** What a worker's line on fd 3 says, or undefined when it is not an observer event. */
export function parseEvent(line: string): WorkerEvent | undefined {
  try {
    const e = JSON.parse(line) as unknown;
    if (typeof e === 'object' && e !== null && Object.keys(e).length === 1 && EVENTS.includes(Object.keys(e)[0])) return e as WorkerEvent;
  } catch {
    // not JSON: said below
  }
  return undefined;
}

/** Plain words for what getActiveResourcesInfo() names. */
const RESOURCE_NAMES: Record<string, string> = {
  Timeout: 'a timer (setTimeout or setInterval)',
  TCPServerWrap: 'a listening server (TCPServerWrap)',
  PipeServerWrap: 'a listening server (PipeServerWrap)',
  TCPSocketWrap: 'a Node socket (TCPSocketWrap)',
  ProcessWrap: 'a child process (ProcessWrap)',
};
/** What a run left open, in plain words. */
export const resourceText = (left: string[]) => left.map((r) => RESOURCE_NAMES[r] ?? r).join(', ');
