// Turns the traces of repeated runs into one scenario record, checking every claim against
// every repetition. A failure is one line naming the scenario, the line, the claim and the result.
import type { RecordedCall, SocketView } from '../snippets/lab/recorder.ts';
import { agrees, claimKeyFor, commentOf, unsourcedPlatforms, type SnippetSource } from '../snippets/lab/syntax.ts';
import type { CallRecord, ScenarioRecord, Variant } from './schema.ts';
import { formatWire } from './format.ts';
import { isTcpScenario } from './transports.ts';
import { counts, wireAgrees } from './wire.ts';

/** The claims of a line as the contract writes them: one string per platform. */
function claimTexts(snippet: SnippetSource, line: number): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [platform, values] of Object.entries(snippet.claims.get(line) ?? {})) texts[platform] = values.join(' or ');
  return texts;
}

/**
 * What must be the same on every run: each call's result, data and SIGPIPE, and the poll flags of
 * a and b. The TCP state is left out: the kernel moves some states on by its own timers (a delayed
 * ACK turns FIN_WAIT1 into FIN_WAIT2 whenever it fires), so states are counted per call instead.
 * So are the segments on the wire (wire.ts): which ones follow a call can depend on timers and on
 * which CPU sends them, so each call's counted segments are counted per call too, and a `wire:`
 * claim must hold in every run.
 */
export function outcomeKey(trace: RecordedCall[]): string {
  return JSON.stringify(
    trace.map((c) => ({ ...c, state: undefined, peer: c.peer && { ...c.peer, state: undefined }, wire: undefined, setup: undefined })),
  );
}

/** The first run's calls, with every state, and every call's counted segments, that differed between runs given as counts. */
function withStateCounts(runs: RecordedCall[][]): (RecordedCall & Pick<CallRecord, 'wireCounts'>)[] {
  const settle = <T extends SocketView>(view: T, states: (string | undefined)[]): T => {
    const counts: Record<string, number> = {};
    for (const s of states) if (s !== undefined) counts[s] = (counts[s] ?? 0) + 1;
    if (Object.keys(counts).length < 2) return view;
    const most = Object.entries(counts).sort((x, y) => y[1] - x[1])[0][0];
    return { ...view, state: most, stateCounts: counts };
  };
  const wireCounts = (i: number) => {
    const seen: Record<string, number> = {};
    for (const r of runs) {
      if (!r[i].wire) continue;
      const shown = formatWire(r[i].wire!.filter(counts));
      seen[shown] = (seen[shown] ?? 0) + 1;
    }
    return Object.keys(seen).length < 2 ? {} : { wireCounts: seen };
  };
  return runs[0].map((call, i) => {
    const out = { ...settle(call, runs.map((r) => r[i].state)), ...wireCounts(i) };
    return call.peer ? { ...out, peer: settle(call.peer, runs.map((r) => r[i].peer?.state)) } : out;
  });
}

/** Adds claims and verdicts to one trace, on Node `node`; a wire claim must hold in every one of `runs`. */
function judge(snippet: SnippetSource, calls: RecordedCall[], runs: RecordedCall[][], platform: string, node: string): CallRecord[] {
  return calls.map((call, i) => {
    const lineClaims = snippet.claims.get(call.line) ?? {};
    const key = claimKeyFor(lineClaims, snippet, platform, node);
    const accepted = key === undefined ? undefined : lineClaims[key];
    const verdict = accepted === undefined ? 'unclaimed' : agrees(accepted, call.result) ? 'agrees' : 'contradicts';
    const wire = snippet.wireClaims.get(call.line);
    return {
      ...call,
      claims: claimTexts(snippet, call.line),
      ...(key !== undefined && key !== platform ? { checked: key } : {}),
      verdict,
      ...(wire ? { wireClaim: wire.text } : {}),
      ...(wire && call.wire ? { wireVerdict: runs.every((r) => wireAgrees(wire, r[i].wire ?? [])) ? 'agrees' : 'contradicts' } : {}),
    } satisfies CallRecord;
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
  /** Why segments could not be captured here, if they could not. */
  captureUnavailable?: string,
  /** The Node release that ran it: claims keyed to a `// node:` range are checked against it. */
  node: string = process.versions.node,
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
  const grouped = [...byKey.values()].sort((x, y) => y.count - x.count);
  const variants: Variant[] = grouped.map((v) => ({ count: v.count, calls: judge(snippet, v.calls, v.runs, platform, node) }));
  const stable = variants.length === 1;
  const record: ScenarioRecord = { id, title: snippet.title, file, stable, runs: traces.length, calls: variants[0]?.calls ?? [] };
  if (!stable) record.variants = variants;
  if (Object.keys(snippet.reported).length) record.reported = snippet.reported;
  if (Object.keys(snippet.nodeRanges).length) record.nodeRanges = snippet.nodeRanges;
  const captured = traces.some((t) => t.some((c) => c.wire));
  if (!captured && captureUnavailable && isTcpScenario(id, traces.flat())) record.wireUnavailable = captureUnavailable;

  const failures: string[] = [];
  const reps = traces.length;
  // Where a Node release can change the answer, a failure names the release that ran.
  const onNode = id.startsWith('node/') || Object.keys(snippet.nodeRanges).length ? ` on Node ${node}` : '';
  for (const [n, v] of variants.entries()) {
    for (const call of v.calls) {
      if (call.verdict !== 'contradicts') continue;
      const often = stable ? '' : ` in ${v.count} of ${reps} runs`;
      const key = call.checked ?? platform;
      const label = key.split(' ')[1];
      const range = label === undefined ? '' : ` (${label} = ${snippet.nodeRanges[label].range})`;
      failures.push(
        `${id}${onNode} (${file}:${call.line}) ${call.code}: claims ${key}: ${call.claims[key]}${range}, observed ${call.result}${often}`,
      );
    }
    for (const [i, call] of v.calls.entries()) {
      if (call.wireVerdict !== 'contradicts') continue;
      const claim = snippet.wireClaims.get(call.line)!;
      const against = grouped[n].runs.filter((r) => !wireAgrees(claim, r[i].wire ?? []));
      const often = against.length === reps ? '' : ` in ${against.length} of ${reps} runs`;
      failures.push(
        `${id} (${file}:${call.line}) ${call.code}: claims wire: ${call.wireClaim}, observed wire: ${formatWire(against[0][i].wire ?? [])}${often}`,
      );
    }
    for (const call of v.calls) {
      if (call.wireClaim === undefined || call.wire || captureUnavailable !== undefined) continue;
      failures.push(`${id} (${file}:${call.line}) ${call.code}: claims wire: ${call.wireClaim}, but no capture saw this call (only TCP connections to a listener the run made are captured)`);
    }
  }
  const recorded = new Set(variants.flatMap((v) => v.calls.map((c) => c.line)));
  for (const v of variants) {
    const twice = v.calls.find((c, i) => v.calls.findIndex((d) => d.line === c.line) !== i);
    if (twice) {
      failures.push(`${id} (${file}:${twice.line}): this line made more than one recorded call; give each call its own line, with its own claim`);
      break;
    }
  }
  for (const line of snippet.claims.keys()) {
    if (!recorded.has(line)) failures.push(`${id} (${file}:${line}): a claim stands on a line where no socket call was recorded`);
  }
  for (const p of unsourcedPlatforms(snippet, platform)) {
    failures.push(`${id} (${file}): claims for '${p}' need a source: add '${commentOf(file)} reported: ${p} — where it comes from'`);
  }
  if (!stable && !snippet.varies) {
    const counts = variants.map((v) => v.count).join(' + ');
    failures.push(`${id} (${file}): not the same on every run (${variants.length} outcomes: ${counts} of ${reps}); fix it, or say why with '${commentOf(file)} varies: …'`);
  }
  return { record, failures };
}
