// Turns the traces of repeated runs into one scenario record, checking every claim against
// every repetition. A failure is one line naming the scenario, the line, the claim and the result.
import type { RecordedCall, SocketView } from '../snippets/lab/recorder.ts';
import { agrees, unsourcedPlatforms, type SnippetSource } from './claims.ts';
import type { CallRecord, ScenarioRecord, Variant } from './contract.ts';

/** The claims of a line as the contract writes them: one string per platform. */
function claimTexts(snippet: SnippetSource, line: number): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [platform, values] of Object.entries(snippet.claims.get(line) ?? {})) texts[platform] = values.join(' or ');
  return texts;
}

/** A socket whose fd is closed: its lingering kernel state is not part of the outcome. */
const lingering = (v: SocketView | undefined) => v !== undefined && v.poll === null && v.state !== undefined;

/**
 * What must be the same on every run: each call's result, data and SIGPIPE, and the poll flags and
 * state of every socket we still hold. The state of a connection whose fd is closed is driven by
 * the kernel's timers (a delayed ACK moves FIN_WAIT1 on to FIN_WAIT2), so it is counted instead.
 */
export function outcomeKey(trace: RecordedCall[]): string {
  return JSON.stringify(
    trace.map((c) => ({
      ...c,
      state: lingering(c) ? undefined : c.state,
      peer: c.peer && (lingering(c.peer) ? { ...c.peer, state: undefined } : c.peer),
    })),
  );
}

/** The first run's calls, with lingering states that differed between runs given as counts. */
function withStateCounts(runs: RecordedCall[][]): RecordedCall[] {
  const count = (states: (string | undefined)[]) => {
    const counts: Record<string, number> = {};
    for (const s of states) if (s !== undefined) counts[s] = (counts[s] ?? 0) + 1;
    return counts;
  };
  const settle = (view: SocketView, states: (string | undefined)[]): SocketView => {
    const counts = count(states);
    if (Object.keys(counts).length < 2) return view;
    const most = Object.entries(counts).sort((x, y) => y[1] - x[1])[0][0];
    return { ...view, state: most, stateCounts: counts };
  };
  return runs[0].map((call, i) => {
    let out: RecordedCall = call;
    if (lingering(call)) out = { ...out, ...settle(call, runs.map((r) => r[i].state)) };
    if (call.peer && lingering(call.peer)) out = { ...out, peer: settle(call.peer, runs.map((r) => r[i].peer?.state)) };
    return out;
  });
}

/** Adds claims and verdicts to one trace. */
function judge(snippet: SnippetSource, calls: RecordedCall[], platform: string): CallRecord[] {
  return calls.map((call) => {
    const accepted = snippet.claims.get(call.line)?.[platform];
    const verdict = accepted === undefined ? 'unclaimed' : agrees(accepted, call.result) ? 'agrees' : 'contradicts';
    return { ...call, claims: claimTexts(snippet, call.line), verdict };
  });
}

/** A scenario record and the reasons it fails, if any. */
export interface Assembled {
  record: ScenarioRecord;
  failures: string[];
}

/** Groups repetitions into variants and checks the claims of each against `platform`. */
export function assemble(
  id: string,
  file: string,
  snippet: SnippetSource,
  traces: RecordedCall[][],
  platform: string,
): Assembled {
  const byKey = new Map<string, { count: number; calls: RecordedCall[]; runs: RecordedCall[][] }>();
  for (const trace of traces) {
    const key = outcomeKey(trace);
    const seen = byKey.get(key);
    if (seen) {
      seen.count++;
      seen.runs.push(trace);
    } else byKey.set(key, { count: 1, calls: trace, runs: [trace] });
  }
  for (const v of byKey.values()) v.calls = withStateCounts(v.runs);
  const variants: Variant[] = [...byKey.values()]
    .sort((x, y) => y.count - x.count)
    .map((v) => ({ count: v.count, calls: judge(snippet, v.calls, platform) }));
  const stable = variants.length === 1;
  const record: ScenarioRecord = { id, title: snippet.title, file, stable, calls: variants[0]?.calls ?? [] };
  if (!stable) record.variants = variants;
  if (Object.keys(snippet.reported).length) record.reported = snippet.reported;

  const failures: string[] = [];
  const reps = traces.length;
  for (const v of variants) {
    for (const call of v.calls) {
      if (call.verdict !== 'contradicts') continue;
      const often = stable ? '' : ` in ${v.count} of ${reps} runs`;
      failures.push(
        `${id} (${file}:${call.line}) ${call.code}: claims ${platform}: ${call.claims[platform]}, observed ${call.result}${often}`,
      );
    }
  }
  const recorded = new Set(variants.flatMap((v) => v.calls.map((c) => c.line)));
  for (const line of snippet.claims.keys()) {
    if (!recorded.has(line)) failures.push(`${id} (${file}:${line}): a claim stands on a line where no socket call was recorded`);
  }
  for (const p of unsourcedPlatforms(snippet, platform)) {
    failures.push(`${id} (${file}): claims for '${p}' need a source: add '// reported: ${p} — where it comes from'`);
  }
  if (!stable && !snippet.varies) {
    const counts = variants.map((v) => v.count).join(' + ');
    failures.push(`${id} (${file}): not the same on every run (${variants.length} outcomes: ${counts} of ${reps}); fix it, or say why with '// varies: …'`);
  }
  return { record, failures };
}
