// The observation contract: what `npm run observe -- --json` prints, what the site reads, and
// what a contributor on another OS sends in. Documented in observe/CONTRACT.md; schema 1.
import type { RecordedCall } from '../snippets/lab/recorder.ts';

/** Where and when a set of observations was made. */
export interface Provenance {
  os: string;
  release: string;
  arch: string;
  node: string;
  libuv: string;
  commit: string;
  observedAt: string;
  repetitions: number;
  /** Who ran it, for records contributed from another OS. */
  contributor?: string;
}

/** How a call's result compares with the claim for the observed platform. */
export type Verdict = 'agrees' | 'contradicts' | 'unclaimed';

/** One call as observed, with the claims written beside it. */
export interface CallRecord extends RecordedCall {
  claims: Record<string, string>;
  verdict: Verdict;
  /** The wire claim as written (`b RST`), and how the captured segments compare with it. */
  wireClaim?: string;
  wireVerdict?: Verdict;
  /** How often each list of counted segments followed this call, when that differed between runs. */
  wireCounts?: Record<string, number>;
}

/** One distinct trace and how many repetitions gave it. */
export interface Variant {
  count: number;
  calls: CallRecord[];
}

/** One scenario: its calls as observed (the most frequent trace), and every trace when they differed. */
export interface ScenarioRecord {
  id: string;
  title: string;
  file: string;
  stable: boolean;
  /** How many runs were observed (the provenance's repetitions, or fewer for a slow scenario). */
  runs?: number;
  calls: CallRecord[];
  variants?: Variant[];
  /** Where each non-observed platform's claims come from. */
  reported?: Record<string, string>;
  /** Set when the scenario could not be observed on this build, with the reason. */
  skipped?: string;
  /** Set for a TCP scenario whose segments could not be captured on this build, with the reason. */
  wireUnavailable?: string;
}

/** A whole observation file. */
export interface Observations {
  schema: 1;
  provenance: Provenance;
  scenarios: ScenarioRecord[];
}

type Check = (value: unknown, path: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v, p) => (typeof v === 'string' && v.length > 0 ? undefined : `${p}: expected a non-empty string`);
const bool: Check = (v, p) => (typeof v === 'boolean' ? undefined : `${p}: expected true or false`);
const count: Check = (v, p) => (Number.isInteger(v) && (v as number) > 0 ? undefined : `${p}: expected a positive whole number`);
const optional = (check: Check): Check => (v, p) => (v === undefined ? undefined : check(v, p));
const result: Check = (v, p) =>
  Number.isInteger(v) || (typeof v === 'string' && /^(E[A-Z0-9]+|[A-Z]+( [A-Z]+)*)$/.test(v))
    ? undefined
    : `${p}: expected a number, an errno name or poll flags, got ${JSON.stringify(v)}`;
const pollFlags: Check = (v, p) =>
  v === null || (Array.isArray(v) && v.every((f) => typeof f === 'string' && /^[A-Z]+$/.test(f)))
    ? undefined
    : `${p}: expected a list of poll flags like ["IN","OUT"], or null`;
const strings: Check = (v, p) => {
  if (!isObject(v)) return `${p}: expected an object of strings`;
  for (const [k, s] of Object.entries(v)) if (typeof s !== 'string') return `${p}.${k}: expected a string`;
  return undefined;
};
const list =
  (each: Check, nonEmpty = false): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return `${p}: expected a list`;
    if (nonEmpty && v.length === 0) return `${p}: expected at least one entry`;
    for (const [i, item] of v.entries()) {
      const e = each(item, `${p}[${i}]`);
      if (e) return e;
    }
    return undefined;
  };
const shape =
  (fields: Record<string, Check>): Check =>
  (v, p) => {
    if (!isObject(v)) return `${p}: expected an object`;
    for (const [k, check] of Object.entries(fields)) {
      const e = check(v[k], `${p}.${k}`);
      if (e) return e;
    }
    return undefined;
  };

const stateCounts: Check = (v, p) => {
  if (!isObject(v)) return `${p}: expected an object of state counts`;
  for (const [k, n] of Object.entries(v)) if (!Number.isInteger(n) || (n as number) < 1) return `${p}.${k}: expected a count`;
  return undefined;
};
const nonNegative: Check = (v, p) => (Number.isInteger(v) && (v as number) >= 0 ? undefined : `${p}: expected a whole number ≥ 0`);
const segment = shape({
  from: (v, p) => (v === 'a' || v === 'b' ? undefined : `${p}: expected 'a' or 'b'`),
  flags: (v, p) => (typeof v === 'string' && /^([A-Z]+( [A-Z]+)*)?$/.test(v) ? undefined : `${p}: expected TCP flags like 'FIN ACK'`),
  seq: nonNegative,
  ack: nonNegative,
  len: nonNegative,
  win: nonNegative,
  retransmit: optional((v, p) => (v === true ? undefined : `${p}: expected true, or no field`)),
});
const verdict: Check = (v, p) => (v === 'agrees' || v === 'contradicts' || v === 'unclaimed' ? undefined : `${p}: expected agrees, contradicts or unclaimed`);
const wireFields = {
  wire: optional(list(segment)),
  setup: optional(list(shape({ line: nonNegative, code: str, wire: list(segment) }))),
  wireClaim: optional(str),
  wireVerdict: optional(verdict),
  wireCounts: optional(stateCounts),
};
const view = { poll: pollFlags, state: optional(str), stateCounts: optional(stateCounts) };
const call = shape({
  line: count,
  code: str,
  result,
  data: optional((v, p) => (typeof v === 'string' ? undefined : `${p}: expected a string`)),
  ...view,
  sigpipe: bool,
  peer: optional(shape(view)),
  claims: strings,
  verdict,
  ...wireFields,
});
const scenario = shape({
  id: (v, p) => (typeof v === 'string' && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(v) ? undefined : `${p}: expected an id like 'tcp/peer-closed-then-read'`),
  title: str,
  file: str,
  stable: bool,
  runs: optional(count),
  calls: list(call),
  variants: optional(list(shape({ count, calls: list(call) }), true)),
  reported: optional(strings),
  skipped: optional(str),
  wireUnavailable: optional(str),
});
const observations = shape({
  schema: (v, p) => (v === 1 ? undefined : `${p}: expected 1 (the only schema there is), got ${JSON.stringify(v)}`),
  provenance: shape({
    os: str,
    release: str,
    arch: str,
    node: str,
    libuv: str,
    commit: str,
    observedAt: (v, p) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? undefined : `${p}: expected an ISO date`),
    repetitions: count,
    contributor: optional(str),
  }),
  scenarios: list(scenario),
});

/** The first way `value` breaks the contract, as one line naming the field; undefined when it keeps it. */
export function contractError(value: unknown): string | undefined {
  return observations(value, '$');
}

/** Parses and validates an observation file; throws one line naming the file and the field at fault. */
export function parseObservations(text: string, file: string): Observations {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  const error = contractError(value);
  if (error) throw new Error(`${file}: ${error}`);
  return value as Observations;
}
