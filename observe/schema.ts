// The observation contract, once: what `npm run observe -- --json` prints, what the site reads, and
// what a contributor on another OS sends in. The TypeScript types are inferred from it, and
// observe/observations.schema.json is generated from it (`npm run schema`). CONTRACT.md explains it.
import { z } from 'zod';
import { POLL_NAMES } from '../snippets/lab/platform.ts';
import { CALL_KINDS, CALL_SOCKETS, type RecordedCall } from '../snippets/lab/recorder.ts';
import { valueError } from '../snippets/lab/syntax.ts';

/** The schema version this code reads and writes. */
export const SCHEMA_VERSION = 1;

/** The pattern of a scenario id: `<transport>/<situation>`. */
export const ID_PATTERN = /^[a-z0-9-]+\/[a-z0-9-]+$/;

const text = z.string().min(1);
const count = z.number().int().min(1);

const result = z
  .union([
    z.number().int(),
    z.string().superRefine((v, ctx) => {
      const error = valueError(v);
      if (error) ctx.addIssue({ code: 'custom', message: error });
    }),
  ])
  .meta({ description: 'A whole number, an errno name, a signal name, BLOCKED/RUNNING, poll flags (IN OUT HUP), or a Node.js event (error ECONNRESET)' });

const socketView = {
  poll: z.array(z.enum(POLL_NAMES)).nullable().optional().meta({ description: 'poll() flags right after the call; null once the fd is closed; absent when no socket was watched' }),
  state: text.optional().meta({ description: 'TCP state (most frequent, when it varied)' }),
  stateCounts: z.record(z.string(), count).optional().meta({ description: 'How often each TCP state was seen, when it varied between runs' }),
};

const whole = z.number().int().min(0);

/** One TCP segment as the capture saw it cross loopback. */
const segment = z.strictObject({
  from: z.enum(['a', 'b']).meta({ description: "Its sender: 'b' holds the listening port, 'a' connected to it" }),
  flags: z.string().regex(/^([A-Z]+( [A-Z]+)*)?$/, { error: "expected TCP flags like 'FIN ACK'" }),
  seq: whole.meta({ description: "Sequence number, relative to the sender's first" }),
  ack: whole.meta({ description: "Acknowledgement number, relative to the receiver's first; 0 without ACK" }),
  len: whole.meta({ description: 'Payload bytes' }),
  win: whole.meta({ description: 'Advertised receive window, in bytes' }),
  retransmit: z.literal(true).optional().meta({ description: 'Set when it carries nothing its sender had not sent before' }),
});

/** One socket call as the lab records it (as a worker sends it, and within each observed call). */
export const recordedCallSchema = z.strictObject({
  line: count.meta({ description: 'Line in the snippet file' }),
  code: text,
  kind: z.enum(CALL_KINDS).meta({ description: 'What the call does, as the lab method that made it says: read, write, close, poll, event, request, …' }),
  socket: z
    .enum(CALL_SOCKETS)
    .optional()
    .meta({ description: "The socket it acts on: 'a' (watched), 'b' (its peer), 'server' (bound to a name or port), 'other' (another of A's side); absent for a step on no socket of the run (a promise, a separate process)" }),
  result,
  data: z.string().optional().meta({ description: 'Bytes read, or an error message' }),
  ...socketView,
  sigpipe: z.boolean(),
  peer: z.strictObject(socketView).optional(),
  wire: z.array(segment).optional().meta({ description: 'TCP, where a capture ran: the segments sent after this call, before the next' }),
  setup: z
    .array(z.strictObject({ line: whole, code: text, wire: z.array(segment) }))
    .optional()
    .meta({ description: 'Lab steps before this call that are not calls (making a pair), and their segments' }),
});

const verdict = z.enum(['agrees', 'contradicts', 'unclaimed']);

/** One call as observed, with the claims written beside it and the verdict on this platform's claim. */
export const callRecordSchema = recordedCallSchema.extend({
  claims: z.record(z.string(), text),
  checked: z
    .string()
    .regex(/^[a-z][a-z0-9]* [a-z][a-z0-9-]*$/)
    .optional()
    .meta({ description: "The claim the verdict is about when it is keyed to a range of Node releases ('linux guarded'); absent when it is the platform's own" }),
  verdict,
  wireClaim: text.optional().meta({ description: 'The wire: claim written beside the call' }),
  wireVerdict: verdict.optional().meta({ description: 'How the captured segments compare with it, in every run (absent when nothing was captured)' }),
  wireCounts: z
    .record(z.string(), count)
    .optional()
    .meta({ description: 'How often each list of compared segments (SYN, FIN, RST, data) followed this call, when that differed between runs' }),
});

/** One scenario: the calls as observed (the most frequent trace), and every trace when they differed. */
export const scenarioRecordSchema = z.strictObject({
  id: z.string().regex(ID_PATTERN, { error: "expected an id like 'tcp/peer-closed-then-read'" }),
  title: text,
  file: text,
  stable: z.boolean(),
  runs: count.optional(),
  calls: z.array(callRecordSchema),
  variants: z.array(z.strictObject({ count, calls: z.array(callRecordSchema) })).min(1).optional(),
  reported: z.record(z.string(), text).optional(),
  nodeRanges: z
    .record(z.string(), z.strictObject({ range: text, why: text }))
    .optional()
    .meta({ description: 'Named sets of Node releases (npm-style ranges) that claims keyed `platform label` hold on, and what changed there' }),
  skipped: text.optional(),
  skippedOn: z.literal('platform').optional().meta({ description: "Set when the scenario was skipped because this platform lacks what it needs (a capability); absent when this build could not observe it (it needs root, say)" }),
  wireUnavailable: text.optional().meta({ description: 'For a TCP scenario whose segments could not be captured on this build: why' }),
});

/**
 * Why a contributor's name cannot be credited, or undefined when it can: it must name someone
 * (a letter or digit), in at most 100 characters, with no control, invisible or direction-changing
 * character (U+202E, U+200B…), which could make the credit read as something else.
 */
export function contributorError(name: string): string | undefined {
  const hidden = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.exec(name);
  if (hidden) return `contains an invisible or direction-changing character (U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  if (!/[\p{L}\p{N}]/u.test(name)) return 'names no one: it needs a letter or a digit';
  if (name !== name.trim()) return 'has spaces around it';
  if ([...name].length > 100) return 'is longer than 100 characters';
  return undefined;
}

/** A runtime other than Node.js as this build found it (Python, Ruby): its exact version, or why it is missing. */
export const runtimeRecordSchema = z
  .strictObject({
    name: z.enum(['python', 'ruby']),
    version: text.optional().meta({ description: "Its exact release: '3.11.7', '3.1.2p20'" }),
    description: text.optional().meta({ description: 'How it describes itself (sys.version, RUBY_DESCRIPTION)' }),
    executable: text.optional().meta({ description: 'The interpreter that ran the programs' }),
    missing: text.optional().meta({ description: "Why it was not observed on this build: 'ruby not installed (no ruby on PATH)'" }),
  })
  .refine((r) => (r.missing === undefined) === (r.version !== undefined && r.description !== undefined && r.executable !== undefined), {
    error: 'a runtime has a version, a description and an executable, or says why it is missing; not both',
  });

/** Where and when a set of observations was made. */
export const provenanceSchema = z.strictObject({
  os: text,
  release: text,
  arch: text,
  node: text,
  libuv: text,
  commit: text.meta({ description: 'Short commit, with -dirty when the tree had changes' }),
  observedAt: z.iso.datetime({ error: 'expected an ISO 8601 date and time, like 2026-11-27T10:00:00.000Z' }),
  repetitions: count,
  runtimes: z.array(runtimeRecordSchema).optional().meta({ description: 'The other runtimes whose programs were observed (snippets/python, snippets/ruby), each with its exact version, or why it is missing' }),
  system: text.optional().meta({ description: "The operating system's name and version (macOS 15.5, Ubuntu 24.04.2 LTS), where it could be read" }),
  kernel: text.optional().meta({ description: "The kernel's own version string (os.version(): on darwin it names the xnu build)" }),
  experimental: z
    .array(text)
    .optional()
    .meta({ description: 'Mechanisms this platform used that no run on a real system has confirmed yet (snippets/lab/platform.ts, experimental)' }),
  ci: z
    .strictObject({
      run: z.url().meta({ description: "The CI run's page" }),
      runNumber: count.meta({ description: "The run's number in its workflow" }),
      runner: text.meta({ description: 'The runner label asked for (macos-15, ubuntu-24.04)' }),
      image: text.meta({ description: "The runner image and its version (ImageOS ImageVersion)" }),
    })
    .optional()
    .meta({ description: 'Set when a hosted CI run made these observations' }),
  contributor: text
    .superRefine((v, ctx) => {
      const error = contributorError(v);
      if (error) ctx.addIssue({ code: 'custom', message: `the contributor's name ${error}` });
    })
    .optional()
    .meta({ description: 'Who ran it, for records contributed from another OS: a name with a letter or digit, no invisible or direction-changing character' }),
});

/** A whole observation file. */
export const observationsSchema = z
  .strictObject({
    schema: z.literal(SCHEMA_VERSION, { error: `expected ${SCHEMA_VERSION} (the only schema there is)` }),
    provenance: provenanceSchema,
    scenarios: z.array(scenarioRecordSchema),
    programs: z
      .array(scenarioRecordSchema)
      .optional()
      .meta({ description: "The Python and Ruby programs (ids 'python/…', 'ruby/…'), observed and checked as the scenarios are; skipped, with the reason, when their runtime is missing" }),
  })
  .meta({ title: 'closing-time observations', description: 'Observed socket calls, their claims and verdicts' });

/** How a call's result compares with the claim for the observed platform. */
export type Verdict = z.infer<typeof verdict>;
/** One call as observed. */
export type CallRecord = z.infer<typeof callRecordSchema>;
/** One scenario's record. */
export type ScenarioRecord = z.infer<typeof scenarioRecordSchema>;
/** One distinct trace and how many repetitions gave it. */
export type Variant = NonNullable<ScenarioRecord['variants']>[number];

/**
 * The call of `record` that is `call` in another observation of the same scenario (another Node
 * release, a report from another OS): the same line and the same code, never the same position.
 */
export function sameCall(record: Pick<ScenarioRecord, 'calls'>, call: Pick<CallRecord, 'line' | 'code'>): CallRecord | undefined {
  return record.calls.find((c) => c.line === call.line && c.code === call.code);
}
/** A runtime as found. */
export type RuntimeRecord = z.infer<typeof runtimeRecordSchema>;
/** Where and when. */
export type Provenance = z.infer<typeof provenanceSchema>;
/** A whole observation file. */
export type Observations = z.infer<typeof observationsSchema>;

// The lab's record of a call must fit the contract: tsc fails here if the two drift apart.
((call: RecordedCall): z.input<typeof recordedCallSchema> => call) satisfies unknown;

/** A JSON path like `$.scenarios[0].calls[2].result`. */
function jsonPath(path: PropertyKey[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** The first way `value` breaks the contract, as one line naming the JSON path; undefined when it keeps it. */
export function contractError(value: unknown): string | undefined {
  const r = observationsSchema.safeParse(value);
  if (r.success) return undefined;
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys') return `${jsonPath(issue.path)}: unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return `${jsonPath(issue.path)}: missing (expected ${issue.expected})`;
  if (issue.code === 'invalid_union') {
    // A result: say what is wrong with the string, not that it is also not a number.
    const inner = issue.errors.flat().find((i) => i.code === 'custom');
    if (inner) return `${jsonPath(issue.path)}: ${inner.message}`;
  }
  return `${jsonPath(issue.path)}: ${issue.message}`;
}

/** Parses and validates an observation file's text; throws one line naming the file and the JSON path at fault. */
export function parseObservations(text: string, file: string): Observations {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  const error = contractError(value);
  if (error) throw new Error(`${file}: ${error}`);
  return observationsSchema.parse(value);
}
