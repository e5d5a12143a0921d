// A chapter's summary: one row per scenario, saying what A's reads, A's writes (and connects, and
// SO_ERROR) gave after the peer acted, and whether a signal came with them, beside what other
// platforms are reported to answer. Derived from the calls, never typed; the per-call detail stays
// in the blocks. Pure: Summary.astro loads the data and renders what this returns.
import { resultText } from '../../observe/format.ts';
import type { CallRecord, Observations } from '../../observe/schema.ts';
import { findRecord, type Report } from './scenario-view.ts';
import { platformName } from './platform-name.ts';
import { reportedValues } from './outcomes.ts';
import type { CallKind } from '../../snippets/lab/recorder.ts';

/** The groups of A's calls a summary has a column for, in column order. */
export const SUMMARY_GROUPS = [
  { key: 'read', label: "A's read", kinds: ['read', 'recv', 'event'] },
  { key: 'write', label: "A's write", kinds: ['write', 'send'] },
  { key: 'connect', label: "A's connect or request", kinds: ['connect', 'request'] },
  { key: 'error', label: 'SO_ERROR', kinds: ['soerror'] },
] as const satisfies readonly { key: string; label: string; kinds: readonly CallKind[] }[];

/** The kinds of call by which the peer acts: it closes, shuts down, its process ends, its packets stop. */
const PEER_ACTIONS: readonly CallKind[] = ['close', 'shutdown', 'exit', 'silence'];

/** One column key of a summary's groups. */
export type GroupKey = (typeof SUMMARY_GROUPS)[number]['key'];

/** One scenario's summary row. */
export interface SummaryRow {
  id: string;
  title: string;
  /** Why it was not observed on this build, when it was not. */
  skipped?: string;
  /** Each group's results in call order, e.g. read: ['ECONNRESET', '0']. */
  groups: Partial<Record<GroupKey, string[]>>;
  /** `SIGPIPE with write 2`, or `none`. */
  signal: string;
  /** Per reported platform: the reported values of the same calls, in words. */
  reported: Record<string, string>;
}

/** A whole summary: which group columns have anything, which reported columns exist, and the rows. */
export interface SummaryView {
  groups: { key: GroupKey; label: string }[];
  reported: string[];
  rows: SummaryRow[];
}

/** The index of the call where the peer acts (B closes, shuts down, is killed, a listener closes); 0 when none. */
export function peerActs(calls: Pick<CallRecord, 'kind' | 'socket'>[]): number {
  const at = calls.findIndex((x) => PEER_ACTIONS.includes(x.kind) && x.socket !== undefined && x.socket !== 'a');
  return at === -1 ? 0 : at;
}

/** A's calls from the moment the peer acts, each with its group. */
function aCalls(calls: CallRecord[]): { call: CallRecord; group: GroupKey }[] {
  const from = peerActs(calls);
  return calls.flatMap((call, i) => {
    if (i < from || call.socket !== 'a') return [];
    const group = SUMMARY_GROUPS.find((g) => (g.kinds as readonly CallKind[]).includes(call.kind));
    if (!group) return [];
    return [{ call, group: group.key }];
  });
}

/** The words for the signal column: which of A's writes raised SIGPIPE, or killed a child with it. */
function signalWords(mine: { call: CallRecord; group: GroupKey }[]): string {
  const writes = mine.filter((m) => m.group === 'write');
  const raised = writes.flatMap((m, i) => (m.call.sigpipe || m.call.result === 'SIGPIPE' ? [i + 1] : []));
  if (!raised.length) return 'none';
  return `SIGPIPE with write${raised.length > 1 ? 's' : ''} ${raised.join(', ')}`;
}

/** Builds the summary of the given scenarios. */
export function summaryView(ids: string[], observed: Observations, reports: Report[]): SummaryView {
  const here = observed.provenance.os;
  const rows = ids.map((id): SummaryRow => {
    const record = findRecord(observed, id);
    if (record.skipped) return { id, title: record.title, skipped: record.skipped, groups: {}, signal: '', reported: {} };
    const mine = aCalls(record.calls);
    const groups: SummaryRow['groups'] = {};
    for (const m of mine) (groups[m.group] ??= []).push(resultText(m.call));
    // Each reported platform's values, aligned with the observed calls ('—' where it says nothing).
    const reported: Record<string, Partial<Record<GroupKey, string[]>>> = {};
    const at = new Map<CallRecord, number>();
    for (const m of mine) at.set(m.call, mine.filter((x) => x.group === m.group).indexOf(m));
    for (const m of mine) {
      for (const rv of reportedValues(record, m.call, here, reports)) {
        const p = platformName(rv.platform);
        const values = ((reported[p] ??= {})[m.group] ??= groups[m.group]!.map(() => '—'));
        values[at.get(m.call)!] = rv.value;
      }
    }
    const words = Object.fromEntries(
      Object.entries(reported).map(([p, g]) => [p, SUMMARY_GROUPS.filter((x) => g[x.key]).map((x) => `${x.key} ${g[x.key]!.join(' → ')}`).join('; ')]),
    );
    return { id, title: record.title, groups, signal: signalWords(mine), reported: words };
  });
  return {
    groups: SUMMARY_GROUPS.filter((g) => rows.some((r) => r.groups[g.key]?.length)).map(({ key, label }) => ({ key, label })),
    reported: [...new Set(rows.flatMap((r) => Object.keys(r.reported)))],
    rows,
  };
}
