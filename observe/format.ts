// The words for an observation, once: the terminal table and the site both say what a call
// returned, what the sockets looked like after it, how many runs agreed, and where it was observed,
// in exactly these words.
import type { SocketView } from '../snippets/lab/recorder.ts';
import type { Segment } from '../snippets/lab/segments.ts';
import type { CallRecord, Observations, Provenance, ScenarioRecord, Verdict } from './schema.ts';
import { counts } from './wire.ts';

/** How a verdict is marked in a table, and said in words. */
export const VERDICT: Record<Verdict, { mark: string; words: string }> = {
  agrees: { mark: '✓', words: 'as the comment beside the call says' },
  contradicts: { mark: '✗', words: 'not what the comment beside the call says' },
  unclaimed: { mark: '', words: 'no claim' },
};

/** Said of a write that raised SIGPIPE. */
export const SIGPIPE_WORDS = '+ SIGPIPE';

/** A call's result as a reader recognises it: a count, 0, an errno name, poll flags, an event. */
export function resultText(call: Pick<CallRecord, 'result'>): string {
  return String(call.result);
}

/** What came with the result: the bytes read (quoted), and SIGPIPE if the call raised it. */
export function resultExtras(call: Pick<CallRecord, 'data' | 'sigpipe'>): string[] {
  return [...(call.data !== undefined ? [JSON.stringify(call.data)] : []), ...(call.sigpipe ? [SIGPIPE_WORDS] : [])];
}

/** The result with its extras, on one line. */
export function resultLine(call: Pick<CallRecord, 'result' | 'data' | 'sigpipe'>): string {
  return [resultText(call), ...resultExtras(call)].join(' ');
}

/** Poll flags as words: the flags, "no events", "fd closed" once the descriptor is gone, or — when no socket was watched. */
export function pollWords(poll: SocketView['poll']): string {
  return poll === undefined ? '—' : poll === null ? 'fd closed' : poll.length ? poll.join(' ') : 'no events';
}

/** The TCP state, or how often each state was seen when it differed between runs. */
export function stateWords(view: SocketView, runs: number): string | undefined {
  if (view.stateCounts) {
    return Object.entries(view.stateCounts)
      .map(([state, n]) => `${state} in ${n} of ${runs} runs`)
      .join(', ');
  }
  return view.state;
}

/** A socket right after a call: poll flags, then its TCP state. */
export function socketWords(view: SocketView, runs: number): string {
  const state = stateWords(view, runs);
  return state ? `${pollWords(view.poll)} · ${state}` : pollWords(view.poll);
}

/** How many runs a record stands for. */
export function runsOf(record: ScenarioRecord, fallback: number): number {
  return record.runs ?? fallback;
}

/** What every view says of a scenario this build could not observe (it needs root, say). */
export const NOT_OBSERVED = 'not observed on this build';

/** What every view says of a scenario the platform lacks a capability for (seqpacket on macOS, say). */
export const NOT_ON_PLATFORM = 'not observed on this platform';

/** Which of the two a skipped record is. */
export function notObservedWords(record: Pick<ScenarioRecord, 'skippedOn'>): string {
  return record.skippedOn === 'platform' ? NOT_ON_PLATFORM : NOT_OBSERVED;
}

/** One sentence on how the runs agreed. */
export function runsSentence(record: ScenarioRecord, runs: number): string {
  if (record.skipped) return `${notObservedWords(record)}: ${record.skipped}`;
  if (record.stable) return runs === 1 ? 'observed in one run' : `every call returned the same in all ${runs} runs`;
  const counts = record.variants!.map((v) => v.count).join(', ');
  return `${record.variants!.length} different outcomes in ${runs} runs (${counts})`;
}

/** Where and when a set of observations was made, in one line. */
export function provenanceWords(o: Observations): string {
  const p = o.provenance;
  const commit = p.commit.endsWith('-dirty') ? `commit ${p.commit.slice(0, -6)} with uncommitted changes` : `commit ${p.commit}`;
  return `${p.os} ${p.release} (${p.arch}), Node ${p.node}${runtimeWords(o)}, ${p.observedAt.slice(0, 10)}, ${commit}` + (p.contributor ? `, by ${p.contributor}` : '');
}

/** The other runtimes, as the provenance names them: `, Python 3.11.7, Ruby 3.1.2p20`, or what was missing; empty when none were looked for. */
export function runtimeWords(o: Observations): string {
  const name = (n: string) => n[0].toUpperCase() + n.slice(1);
  return (o.provenance.runtimes ?? []).map((r) => (r.version ? `, ${name(r.name)} ${r.version}` : `, no ${name(r.name)} (${r.missing})`)).join('');
}

/** The kernel's name for a platform's release, as `uname -s` says it. */
const KERNEL_NAME: Record<string, string> = { linux: 'Linux', darwin: 'Darwin', freebsd: 'FreeBSD' };

/**
 * The system a CI run observed, as readers say it: 'macOS 15.5 (Darwin 24.5.0, arm64)'; the OS's
 * own name and version when the run recorded it, else the platform's name.
 */
export function ciSystemWords(p: Provenance): string {
  const kernel = `${KERNEL_NAME[p.os] ?? p.os} ${p.release}`;
  return `${p.system ?? p.os} (${kernel}, ${p.arch})`;
}

/**
 * How a CI run's observations are labelled everywhere, distinct from 'observed on this build' and
 * from 'reported': 'observed on macOS 15.5 (Darwin 24.5.0, arm64) by CI run 42'; undefined for
 * observations no CI run made.
 */
export function ciWords(p: Provenance): string | undefined {
  return p.ci && `observed on ${ciSystemWords(p)} by CI run ${p.ci.runNumber}`;
}

/** Segments as one short phrase: 'b FIN ACK, a ACK', with payload lengths ('a PSH ACK 5'); 'none' when empty. */
export function formatWire(wire: Segment[]): string {
  if (!wire.length) return 'none';
  return wire.map((s) => `${s.from} ${s.flags}${s.len ? ` ${s.len}` : ''}${s.retransmit ? ' (again)' : ''}`).join(', ');
}

/** The segments that count, and how many others went with them: 'b RST ACK', 'a PSH ACK 5 +1 ACK', 'none +2 again'. */
export function summarizeWire(wire: Segment[]): string {
  const again = wire.filter((s) => s.retransmit).length;
  const acks = wire.filter((s) => !counts(s) && !s.retransmit).length;
  return formatWire(wire.filter(counts)) + (acks ? ` +${acks} ACK` : '') + (again ? ` +${again} again` : '');
}

/** The segments after a call: those compared (with how often each list was seen, when that differed), then the wire claim's mark. */
export function wireWords(call: Pick<CallRecord, 'wire' | 'wireCounts' | 'wireClaim' | 'wireVerdict'>, runs: number): string {
  if (!call.wire) return '';
  const seen = call.wireCounts
    ? Object.entries(call.wireCounts).map(([w, n]) => `${w} in ${n} of ${runs} runs`).join('; ')
    : summarizeWire(call.wire);
  return seen + (call.wireVerdict ? ` ${VERDICT[call.wireVerdict].mark} wire: ${call.wireClaim}`.trimEnd() : '');
}
