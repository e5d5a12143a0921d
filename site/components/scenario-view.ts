// What a scenario block shows, computed from this build's observations and the contributed
// reports: never from anything typed into a page.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SocketView } from '../../snippets/lab/recorder.ts';
import { parseSnippet } from '../../observe/claims.ts';
import { closestIds } from '../../observe/catalogue.ts';
import { loadReports } from '../../observe/reports.ts';
import { parseObservations, type CallRecord, type Observations, type ScenarioRecord } from '../../observe/contract.ts';

const root = resolve('.');
/** Where `npm run build` writes this build's observations. */
export const OBSERVATIONS = join(root, 'site/generated/observations.json');

let observed: Observations | undefined;
let reports: Observations[] | undefined;

/** This build's observations; a clear error when `npm run observe` has not written them. */
export function observations(): Observations {
  if (!observed) {
    if (!existsSync(OBSERVATIONS)) {
      throw new Error(`${OBSERVATIONS} is missing: run 'npm run build' (it observes first), or 'npm run dev'`);
    }
    observed = parseObservations(readFileSync(OBSERVATIONS, 'utf8'), 'site/generated/observations.json');
  }
  return observed;
}

/** Observation files contributed from other systems (reports/*.json), each validated against the contract. */
export function contributedReports(): Observations[] {
  reports ??= loadReports();
  return reports;
}

/** One platform's word on a call: checked on this build, or reported from elsewhere with its source. */
export interface PlatformCell {
  platform: string;
  kind: 'observed' | 'reported';
  /** The observed value (observed), or the claimed or contributed value (reported). */
  value: string;
  /** For observed cells: the claim written in the snippet and whether it held. */
  claim?: string;
  verdict?: CallRecord['verdict'];
  /** For reported cells: where it comes from. */
  source?: string;
}

/** One row of a scenario block: a call and what each platform says it returns. */
export interface Row {
  line: number;
  code: string;
  /** The observed result as a reader recognises it: a count, 0, an errno name, poll flags. */
  result: string;
  data?: string;
  sigpipe: boolean;
  /** Poll flags and TCP state of a and b right after the call. */
  a: string;
  b?: string;
  cells: PlatformCell[];
}

/** Everything a scenario block shows. */
export interface ScenarioView {
  record: ScenarioRecord;
  /** The snippet's code as a reader sees it: the file that ran, header comments left out. */
  code: string;
  /** The same without the claim comments, for predict-then-look blocks (the claims are in the answers). */
  codeWithoutClaims: string;
  rows: Row[];
  /** A sentence on how many runs agreed. */
  runs: string;
  provenance: string;
}

/** Poll flags and TCP state as one short phrase. */
export function describeSocket(v: SocketView, runs: number): string {
  const flags = v.poll === null ? 'fd closed' : v.poll.length ? v.poll.join(' ') : 'no events';
  const state = v.stateCounts
    ? Object.entries(v.stateCounts).map(([s, n]) => `${s} in ${n} of ${runs} runs`).join(', ')
    : v.state;
  return state ? `${flags} · ${state}` : flags;
}

/** A provenance line for a set of observations. */
export function provenanceLine(o: Observations): string {
  const p = o.provenance;
  const day = p.observedAt.slice(0, 10);
  const commit = p.commit.endsWith('-dirty') ? `commit ${p.commit.slice(0, -6)} with uncommitted changes` : `commit ${p.commit}`;
  return `${p.os} ${p.release} (${p.arch}), Node ${p.node}, ${day}, ${commit}` + (p.contributor ? `, by ${p.contributor}` : '');
}

/** The scenario record of an id; a clear error naming the closest ids when there is none. */
export function scenarioRecord(id: string): ScenarioRecord {
  const all = observations().scenarios;
  const record = all.find((s) => s.id === id);
  if (!record) {
    const near = closestIds(id, all.map((s) => s.id)).join(', ');
    throw new Error(`<Scenario id="${id}">: no such scenario was observed on this build; closest: ${near}`);
  }
  return record;
}

/** Builds the view of one scenario. */
export function scenarioView(id: string): ScenarioView {
  const o = observations();
  const record = scenarioRecord(id);
  const source = readFileSync(join(root, record.file), 'utf8');
  const { headerLines } = parseSnippet(source, record.file);
  const body = source.split('\n').slice(headerLines);
  const leading = body.findIndex((l) => l.trim() !== '');
  const code = body.join('\n').trim() + '\n';
  // Rows number calls by the line of the code as shown, not of the file (whose header is left out).
  const shownLine = (fileLine: number) => fileLine - headerLines - Math.max(leading, 0);
  const here = o.provenance.os;
  const others = contributedReports()
    .map((r) => ({ r, s: r.scenarios.find((s) => s.id === id) }))
    .filter((x): x is { r: Observations; s: ScenarioRecord } => x.s !== undefined && x.r.provenance.os !== here);

  const rows = record.calls.map((call, i): Row => {
    const cells: PlatformCell[] = [
      { platform: here, kind: 'observed', value: String(call.result), claim: call.claims[here], verdict: call.verdict },
    ];
    for (const [platform, claim] of Object.entries(call.claims)) {
      if (platform !== here) cells.push({ platform, kind: 'reported', value: claim, source: record.reported?.[platform] });
    }
    for (const { r, s } of others) {
      const theirs = s.calls.find((c) => c.line === call.line && c.code === call.code) ?? s.calls[i];
      if (theirs) {
        cells.push({
          platform: r.provenance.os,
          kind: 'reported',
          value: String(theirs.result),
          source: `observed by a contributor: ${provenanceLine(r)}`,
        });
      }
    }
    return {
      line: shownLine(call.line),
      code: call.code,
      result: String(call.result),
      data: call.data,
      sigpipe: call.sigpipe,
      a: describeSocket(call, record.runs ?? o.provenance.repetitions),
      b: call.peer ? describeSocket(call.peer, record.runs ?? o.provenance.repetitions) : undefined,
      cells,
    };
  });

  const reps = record.runs ?? o.provenance.repetitions;
  const runs = record.skipped
    ? 'not observed on this build'
    : record.stable
    ? `every call returned the same in all ${reps} runs`
    : `${record.variants!.length} different outcomes in ${reps} runs: ${record.variants!.map((v) => v.count).join(', ')}`;
  const codeWithoutClaims = code.replace(/[ \t]*\/\/=>.*$/gm, '');
  return { record, code, codeWithoutClaims, rows, runs, provenance: provenanceLine(o) };
}
