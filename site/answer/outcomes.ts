// What each observed call tells a programmer, from the observations alone: which outcome of the
// errno index it is (end of file, ECONNRESET, EPIPE/SIGPIPE, …), given the kind of call the lab
// recorded (a read, a write, a Node.js event) and the socket it acted on. Pure: no file is read
// here; the matrix, the summaries and the errno index all classify calls through this module.
import { platformOf } from '../../snippets/lab/syntax.ts';
import { ciWords, SIGPIPE_WORDS, resultText } from '../../observe/format.ts';
import { sameCall, type CallRecord, type Observations, type ScenarioRecord } from '../../observe/schema.ts';
import type { CallKind, CallSocket } from '../../snippets/lab/recorder.ts';
import type { Report } from './scenario-view.ts';


/** The kinds of call whose 0 is end of file: a read or a recv that returned no bytes. */
const READS: readonly CallKind[] = ['read', 'recv'];

/** The outcome slug (`eof`, `econnreset`, `epipe`, `err_stream_write_after_end`, …) a result stands for, or undefined. */
export function outcomeOf(result: CallRecord['result'] | string, kind: CallKind): string | undefined {
  const value = String(result);
  if (kind === 'poll') return undefined; // poll flags, even ERR alone, are no errno
  if (value === '0' && READS.includes(kind)) return 'eof';
  if (value === 'end' && kind === 'event') return 'eof';
  if (value === 'SIGPIPE') return 'epipe';
  // A Node.js event, a throw or a rejected promise that carries a code: `error ECONNRESET`,
  // `throws ERR_INVALID_HANDLE_TYPE`, `rejected EPIPE`.
  const code = /^(?:error|throws|rejected)\s+((?:E[A-Z0-9]+|ERR_[A-Z0-9_]+))\b/.exec(value)?.[1] ?? (/^E[A-Z0-9]+$/.test(value) ? value : undefined);
  if (!code) return undefined;
  return code === 'EPIPE' ? 'epipe' : code.toLowerCase();
}

/** The slug of an outcome as a path segment of /errors/. */
export function outcomePath(slug: string): string {
  return `/errors/${slug}/`;
}

/** The transport of a scenario: the part of its id before the slash. */
export function transportOf(id: string): string {
  return id.split('/')[0];
}

/** A call's result as the matrix and the index show it: the value, and + SIGPIPE when it raised it. */
export function shortResult(call: Pick<CallRecord, 'result' | 'sigpipe'>): string {
  return resultText(call) + (call.sigpipe ? ` ${SIGPIPE_WORDS}` : '');
}

/** One platform's word on a call that is not this build's: a claim with its source, or a contributed report. */
export interface ReportedValue {
  /** `darwin`, or a report's `os release`. */
  platform: string;
  value: string;
  source: string;
  /** For contributed reports, the report's file. */
  file?: string;
}

/**
 * Every reported value of one call: the snippet's claims for other platforms (with the `// reported:`
 * source), and each contributed report's result for the same scenario, line and code.
 */
export function reportedValues(record: ScenarioRecord, call: CallRecord, here: string, reports: Report[]): ReportedValue[] {
  // Other platforms' claims; this platform's claims keyed to Node releases are observed, not reported.
  const claimed = Object.entries(call.claims)
    .filter(([p]) => platformOf(p) !== here)
    .map(([platform, value]): ReportedValue => ({ platform, value, source: record.reported?.[platform] ?? 'no source named' }));
  const contributed = reports.flatMap((r): ReportedValue[] => {
    const s = r.observations.scenarios.find((x) => x.id === record.id && !x.skipped);
    const same = s && sameCall(s, call);
    if (!same) return [];
    const p = r.observations.provenance;
    const ci = ciWords(p);
    return [{ platform: `${p.os} ${p.release}`, value: shortResult(same), source: ci ? `${ci} (${p.ci!.run})` : `contributed report ${r.file}`, file: r.file }];
  });
  return [...claimed, ...contributed];
}

/** One call that gave an outcome: where, what, and how it is known. */
export interface Occurrence {
  outcome: string;
  id: string;
  title: string;
  transport: string;
  line: number;
  code: string;
  kind: CallKind;
  socket?: CallSocket;
  /** The value as shown (with + SIGPIPE). */
  value: string;
  /** `observed` on this build, or `reported` (a claim with a source, or a contributed report). */
  how: 'observed' | 'reported';
  platform: string;
  source?: string;
  /** Set when the value comes from a contributed report (reports/*.json), not from this build or a snippet's own claims. */
  contributed?: true;
}

/** Every call in the observations (and every reported value) that stands for an outcome, in scenario order. */
export function occurrences(observed: Observations, reports: Report[] = []): Occurrence[] {
  const here = observed.provenance.os;
  return observed.scenarios.flatMap((record) => {
    if (record.skipped) return [];
    return record.calls.flatMap((call): Occurrence[] => {
      const base = { id: record.id, title: record.title, transport: transportOf(record.id), line: call.line, code: call.code, kind: call.kind, socket: call.socket };
      const found: Occurrence[] = [];
      const mine = outcomeOf(call.result, call.kind);
      if (mine) found.push({ ...base, outcome: mine, value: shortResult(call), how: 'observed', platform: here });
      // A write that failed with another error (ECONNRESET) but raised SIGPIPE still belongs under SIGPIPE.
      if (call.sigpipe && mine !== 'epipe') found.push({ ...base, outcome: 'epipe', value: shortResult(call), how: 'observed', platform: here });
      for (const rv of reportedValues(record, call, here, reports)) {
        for (const alt of rv.value.replace(` ${SIGPIPE_WORDS}`, '').split(/\s+or\s+/)) {
          const theirs = outcomeOf(alt, call.kind);
          if (theirs) found.push({ ...base, outcome: theirs, value: rv.value, how: 'reported', platform: rv.platform, source: rv.source, ...(rv.file ? { contributed: true as const } : {}) });
        }
      }
      return found;
    });
  });
}

/**
 * The outcomes found, each with its occurrences, in a fixed reading order: those this build
 * observed or a snippet's own claims report (with their source). A value only a contributed report
 * gives shows in that report's column, but makes no outcome (no rule, no errno page) of its own: a
 * report can add to the site, not create a page.
 */
export function outcomesFound(all: Occurrence[], order: string[]): { slug: string; occurrences: Occurrence[] }[] {
  const slugs = [...new Set(all.filter((o) => !o.contributed).map((o) => o.outcome))];
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  return slugs
    .sort((x, y) => rank(x) - rank(y) || x.localeCompare(y))
    .map((slug) => ({ slug, occurrences: all.filter((o) => o.outcome === slug) }));
}

/**
 * Up to `n` observed occurrences to show as examples: different transports first, then different
 * scenarios; within those, calls on `a` before others, and plain calls (`a.read()`) before elaborate ones.
 */
export function pickExamples(list: Occurrence[], n: number): Occurrence[] {
  const rank = (o: Occurrence) => (o.socket === 'a' ? 0 : 1000) + o.code.length;
  const seen = list
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => o.how === 'observed')
    .sort((x, y) => rank(x.o) - rank(y.o) || x.i - y.i)
    .map(({ o }) => o);
  const picked: Occurrence[] = [];
  const take = (ok: (o: Occurrence) => boolean) => {
    for (const o of seen) if (picked.length < n && !picked.includes(o) && ok(o)) picked.push(o);
  };
  take((o) => !picked.some((p) => p.transport === o.transport));
  take((o) => !picked.some((p) => p.id === o.id));
  return picked;
}
