// Plain-text tables for the terminal: one block per scenario, one row per call, in the words of
// format.ts (the site says the same things).
import { resultLine, runsOf, runsSentence, socketWords, VERDICT, wireWords } from './format.ts';
import type { CallRecord, ScenarioRecord } from './schema.ts';

function pad(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

function callRows(calls: CallRecord[], platform: string, runs: number, wire: boolean): string[][] {
  return calls.map((c) => [
    String(c.line),
    c.code,
    resultLine(c),
    socketWords(c, runs),
    c.peer ? socketWords(c.peer, runs) : '',
    `${VERDICT[c.verdict].mark} ${c.claims[platform] ?? ''}`.trim(),
    ...(wire ? [wireWords(c, runs)] : []),
  ]);
}

/** A scenario as a text table: file line, call, result, what a and b look like after it, the claim. */
export function formatScenario(s: ScenarioRecord, platform: string, defaultRuns: number): string {
  const runs = runsOf(s, defaultRuns);
  const head = `${s.id} — ${s.title}\n  ${s.file}: ${runsSentence(s, runs)}\n`;
  if (s.skipped) return head;
  const wire = s.calls.some((c) => c.wire);
  const columns = ['line', 'call', 'result', 'a right after', 'b right after', `claim (${platform})`, ...(wire ? ['on the wire after'] : [])];
  const blocks = (s.variants ?? [{ count: runs, calls: s.calls }]).map((v) => {
    const title = s.stable ? '' : `  ${v.count} of ${runs} runs:\n`;
    return title + pad([columns, ...callRows(v.calls, platform, runs, wire)]).map((l) => '  ' + l).join('\n');
  });
  return `${head}${blocks.join('\n')}\n`;
}
