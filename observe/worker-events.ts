// What a worker process says on fd 3, one JSON line per event (observe/worker.ts writes them), and
// the plain words for what a run left open.
import { z } from 'zod';
import { recordedCallSchema } from './schema.ts';

const id = z.string().min(1);
const rep = z.number().int().min(1);

/**
 * Every event a worker sends, each an object with one key. A snippet runs in that worker and can
 * write to fd 3 too: each line is checked against this, and the pool keeps each worker's events to
 * the job it gave it (worker-pool.ts).
 */
const eventSchema = z.union([
  z.strictObject({ loading: z.strictObject({ id }) }),
  z.strictObject({ start: z.strictObject({ id, rep }) }),
  z.strictObject({ lingering: z.strictObject({ id, rep, left: z.array(z.string()) }) }),
  z.strictObject({ done: z.strictObject({ id, traces: z.array(z.array(recordedCallSchema)) }) }),
  z.strictObject({ skipped: z.strictObject({ id, reason: z.string().min(1), on: z.literal('platform').optional() }) }),
  z.strictObject({ error: z.strictObject({ id, message: z.string().min(1) }) }),
]);

/** One event a worker reports. */
export type WorkerEvent = z.infer<typeof eventSchema>;

/** A scenario's result as the worker reports it. */
export type Finished = Extract<WorkerEvent, { done: unknown } | { skipped: unknown }>;

/** What a worker's line on fd 3 says, or undefined when it is not a well-formed event. */
export function parseEvent(line: string): WorkerEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const r = eventSchema.safeParse(value);
  return r.success ? r.data : undefined;
}

/** The scenario an event is about. */
export function eventId(e: WorkerEvent): string {
  return Object.values(e)[0].id;
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
