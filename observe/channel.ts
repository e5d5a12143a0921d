// What a worker tells its observer, one JSON line per event on fd 3 (observe/worker.ts writes
// them). A snippet runs in that worker and can write there too: each line is checked against
// these schemas, and the observer keeps each worker's events to the job it gave it (run.ts).
import { z } from 'zod';
import { recordedCallSchema } from './schema.ts';

const id = z.string().min(1);
const rep = z.number().int().min(1);

/** Every event a worker sends, each an object with one key. */
const eventSchema = z.union([
  z.strictObject({ start: z.strictObject({ id, rep }) }),
  z.strictObject({ step: z.strictObject({ id, rep, line: z.number().int().min(1), code: z.string() }) }),
  z.strictObject({ stepDone: z.strictObject({ id, rep, line: z.number().int().min(1) }) }),
  z.strictObject({ lingering: z.strictObject({ id, rep, left: z.array(z.string()) }) }),
  z.strictObject({ done: z.strictObject({ id, traces: z.array(z.array(recordedCallSchema)) }) }),
  z.strictObject({ skipped: z.strictObject({ id, reason: z.string().min(1) }) }),
  z.strictObject({ error: z.strictObject({ id, message: z.string().min(1) }) }),
]);

/** One event from a worker. */
export type WorkerEvent = z.infer<typeof eventSchema>;

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
