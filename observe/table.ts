// Plain-text tables for the terminal: one block per scenario, one row per call.
import type { SocketView } from '../snippets/lab/recorder.ts';
import type { CallRecord, ScenarioRecord } from './contract.ts';

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

function callRows(calls: CallRecord[], platform: string): string[][] {
  return calls.map((c) => [
    String(c.line),
    c.code,
    String(c.result) + (c.data !== undefined ? ` ${JSON.stringify(c.data)}` : '') + (c.sigpipe ? ' +SIGPIPE' : ''),
    viewCell(c),
    c.peer ? viewCell(c.peer) : '',
    `${MARK[c.verdict]} ${c.claims[platform] ?? ''}`.trimEnd(),
  ]);
}

/** A scenario as a text table: line, call, result, what a and b look like after it, the claim. */
export function formatScenario(s: ScenarioRecord, platform: string, defaultRuns: number): string {
  const repetitions = s.runs ?? defaultRuns;
  if (s.skipped) return `${s.id} — ${s.title}\n  not observed on this build: ${s.skipped}\n`;
  const runs = s.stable ? `${repetitions}/${repetitions} runs alike` : `${s.variants?.length} different outcomes in ${repetitions} runs`;
  const head = ['line', 'call', 'result', 'a after', 'b after', `claim (${platform})`];
  const blocks = (s.variants ?? [{ count: repetitions, calls: s.calls }]).map((v) => {
    const title = s.stable ? '' : `  ${v.count} of ${repetitions} runs:\n`;
    return title + pad([head, ...callRows(v.calls, platform)]).map((l) => '  ' + l).join('\n');
  });
  return `${s.id} — ${s.title}  (${runs})\n${blocks.join('\n')}\n`;
}
