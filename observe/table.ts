// Plain-text tables for the terminal: one block per scenario, one row per call.
import type { SocketView } from '../snippets/lab/recorder.ts';
import type { CallRecord, ScenarioRecord } from './contract.ts';
import { summarizeWire } from './wire.ts';

const MARK = { agrees: '✓', contradicts: '✗', unclaimed: '·' } as const;

function pad(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

/** The poll flags and TCP state of a socket, as one short cell. */
function viewCell(v: SocketView): string {
  const flags = v.poll === null ? 'closed' : v.poll.length ? v.poll.join(' ') : '-';
  const state = v.stateCounts ? Object.entries(v.stateCounts).map(([s, n]) => `${s}×${n}`).join('/') : v.state;
  return state ? `${flags} · ${state}` : flags;
}

/** The segments after a call (how often each list, when it differed between runs), and the wire claim. */
function wireCell(c: CallRecord): string {
  if (!c.wire) return '';
  const seen = c.wireCounts ? Object.entries(c.wireCounts).map(([w, n]) => `${w}×${n}`).join(' / ') : summarizeWire(c.wire);
  return seen + (c.wireVerdict ? ` ${MARK[c.wireVerdict]} ${c.wireClaim}` : '');
}

function callRows(calls: CallRecord[], platform: string, wire: boolean): string[][] {
  return calls.map((c) => [
    String(c.line),
    c.code,
    String(c.result) + (c.data !== undefined ? ` ${JSON.stringify(c.data)}` : '') + (c.sigpipe ? ' +SIGPIPE' : ''),
    viewCell(c),
    c.peer ? viewCell(c.peer) : '',
    `${MARK[c.verdict]} ${c.claims[platform] ?? ''}`.trimEnd(),
    ...(wire ? [wireCell(c)] : []),
  ]);
}

/** A scenario as a text table: line, call, result, what a and b look like after it, the claim. */
export function formatScenario(s: ScenarioRecord, platform: string, defaultRuns: number): string {
  const repetitions = s.runs ?? defaultRuns;
  if (s.skipped) return `${s.id} — ${s.title}\n  not observed on this build: ${s.skipped}\n`;
  const runs = s.stable ? `${repetitions}/${repetitions} runs alike` : `${s.variants?.length} different outcomes in ${repetitions} runs`;
  const wire = s.calls.some((c) => c.wire);
  const head = ['line', 'call', 'result', 'a after', 'b after', `claim (${platform})`, ...(wire ? ['wire after'] : [])];
  const blocks = (s.variants ?? [{ count: repetitions, calls: s.calls }]).map((v) => {
    const title = s.stable ? '' : `  ${v.count} of ${repetitions} runs:\n`;
    return title + pad([head, ...callRows(v.calls, platform, wire)]).map((l) => '  ' + l).join('\n');
  });
  return `${s.id} — ${s.title}  (${runs})\n${blocks.join('\n')}\n`;
}
