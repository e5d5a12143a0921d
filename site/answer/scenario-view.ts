// What a scenario block shows, computed from this build's observations, the contributed reports
// and the snippet file: never from anything typed into a page. Pure: the component loads, this decides.
import semver from 'semver';
import { closestIds } from '../../observe/catalogue.ts';
import { ciSystemWords, ciWords, notObservedWords, provenanceWords, resultExtras, resultText, runsOf, runsSentence, socketWords } from '../../observe/format.ts';
import { sameCall, type CallRecord, type Observations, type ScenarioRecord } from '../../observe/schema.ts';
import { agrees, parseSnippet, platformOf, withQuestions } from '../../snippets/lab/syntax.ts';
import { rangeNotes, releaseGroups, releaseLabel } from './releases.ts';

/** A report contributed from another system, with the file it came from. */
export interface Report {
  file: string;
  observations: Observations;
}

/** One column of platform results: observed here, claimed with a source, one contributed report, or one CI run's report. */
export interface Column {
  key: string;
  platform: string;
  /** `ci`: observed by a hosted CI run on another system, and checked there; never this build's own. */
  kind: 'observed' | 'reported' | 'ci';
  /** Where a reported column comes from (the snippet's `// reported:` line, or a report's provenance). */
  source?: string;
  /** For a CI column: the run's number and page, and the whole label ('observed on macOS 15.5 (…) by CI run 42'). */
  ci?: { runNumber: number; run: string; words: string };
}

/** A claim for another platform that a CI run contradicted: loud, on the page and in the build's output. */
export interface Contradiction {
  line: number;
  code: string;
  /** The claim as the snippet writes it now: `darwin: 0`. */
  claim: string;
  observed: string;
  /** The CI label and run page. */
  words: string;
  run: string;
}

/** One platform's word on a call. */
export interface Cell {
  column: string;
  /** The observed or reported value; undefined when the report has no call with this line and code. */
  value?: string;
  /** For observed cells: the claim written in the snippet and whether it held. */
  claim?: string;
  /** Which claim that is: the platform, or `platform label` for one keyed to a range of Node releases. */
  claimKey?: string;
  verdict?: CallRecord['verdict'];
  /** Why a report has no value here. */
  note?: string;
}

/** One row of a scenario block: a call and what each column says it returns. */
export interface Row {
  /** The line in the snippet file, as the code block numbers it. */
  line: number;
  code: string;
  result: string;
  /** The bytes read, SIGPIPE. */
  extras: string[];
  /** Whether the snippet marks this call `predict`: a learner would not guess its result. */
  ask: boolean;
  /** Poll flags and TCP state of a and b right after the call. */
  a: string;
  b?: string;
  cells: Cell[];
}

/** Everything a scenario block shows. */
export interface ScenarioView {
  record: ScenarioRecord;
  /** The file that ran, whole, so that a copy of it runs as it is. */
  code: string;
  /** The same for predict-then-look blocks: `//=> linux: ?` on the calls worth predicting, no other claim. */
  codeToPredict: string;
  columns: Column[];
  rows: Row[];
  /** A sentence on how many runs agreed. */
  runs: string;
  /** Reports whose code for this scenario differs from the snippet's now. */
  notes: string[];
  /** What changed between Node releases, where the snippet keys claims to ranges of them. */
  releaseNotes: string[];
  /** The other Node releases this build observed the scenario on (same kernel, same build). */
  alsoOn: string[];
  /** For each other platform with reported values: what it does, in one plain sentence, beside this build's results. */
  elsewhere: { platform: string; sentence: string; source?: string }[];
  /** The snippet's claims for other platforms that a CI run's observations contradict. */
  contradictions: Contradiction[];
  /** CI runs that could not observe this scenario, with why (their platform lacks what it needs, say). */
  ciSkipped: { words: string; run: string; why: string }[];
}

/** A platform's name as a reader says it. */
const SPOKEN: Record<string, string> = { darwin: 'a Mac', freebsd: 'FreeBSD', win32: 'Windows' };

/**
 * What another platform does, in one sentence: the calls whose reported value differs from this
 * build's, or that every reported value agrees with it.
 */
export function elsewhereSentence(platform: string, calls: { code: string; here: string; there: string }[], hereName: string): string {
  const who = SPOKEN[platform] ?? platform;
  const differ = calls.filter((c) => c.there !== c.here);
  if (!differ.length) {
    return calls.length === 1
      ? `On ${who}, \`${calls[0].code}\` is reported to return ${calls[0].there} too.`
      : `On ${who}, the reported calls return what they return on ${hereName}.`;
  }
  const parts = differ.map((c) => `\`${c.code}\` returns ${c.there} where ${hereName} gave ${c.here}`);
  const last = parts.pop()!;
  return `On ${who}, ${parts.length ? `${parts.join('; ')}; and ${last}` : last}.`;
}

/** The scenario record of an id; one clear line naming the closest ids when there is none. */
export function findRecord(observed: Observations, id: string): ScenarioRecord {
  const all = [...observed.scenarios, ...(observed.programs ?? [])];
  const record = all.find((s) => s.id === id);
  if (!record) {
    const near = closestIds(id, all.map((s) => s.id)).join(', ');
    throw new Error(`<Scenario id="${id}">: no such scenario was observed on this build; closest: ${near}`);
  }
  return record;
}

/** A report's column: its platform, release and contributor, so several reports of one OS stay apart; a CI run's report is labelled by its run. */
function reportColumn(r: Report): Column {
  const p = r.observations.provenance;
  const words = ciWords(p);
  if (p.ci && words) {
    return { key: `report:${r.file}`, platform: ciSystemWords(p), kind: 'ci', source: `${words} (${p.ci.run}), commit ${p.commit}, runner ${p.ci.runner}, image ${p.ci.image}${p.experimental?.length ? `; experimental: ${p.experimental.join(', ')}` : ''}`, ci: { runNumber: p.ci.runNumber, run: p.ci.run, words } };
  }
  return { key: `report:${r.file}`, platform: `${p.os} ${p.release}`, kind: 'reported', source: `contributed report ${r.file}: ${provenanceWords(r.observations)}` };
}

/**
 * Builds the view of one scenario from the observations, the reports and the snippet's source text.
 * Where this build observed it on several Node releases with different results, each group of
 * releases gets an observed column of its own.
 */
export function scenarioView(id: string, observed: Observations, reports: Report[], source: string, releases: Observations[] = []): ScenarioView {
  const record = findRecord(observed, id);
  const here = observed.provenance.os;
  const groups = releaseGroups(id, observed, releases);
  const others = groups.length > 1 ? groups.filter((g) => !g.own) : [];
  const ownGroup = groups.find((g) => g.own);
  const runs = runsOf(record, observed.provenance.repetitions);
  const { predict } = parseSnippet(source, record.file);
  const code = source.trimEnd() + '\n';

  // Other platforms' claims; this platform's claims keyed to Node releases show through the release columns.
  const claimed = [...new Set(record.calls.flatMap((c) => Object.keys(c.claims)))].filter((p) => platformOf(p) !== here);
  const theirs = reports
    .map((r) => ({ r, s: r.observations.scenarios.find((s) => s.id === id && !s.skipped) }))
    .filter((x): x is { r: Report; s: ScenarioRecord } => x.s !== undefined);
  const ownLabel = ownGroup && groups.flatMap((g) => g.versions).length > 1 ? `${here}, ${releaseLabel(ownGroup.versions)}` : here;
  const columns: Column[] = [
    { key: 'observed', platform: ownLabel, kind: 'observed' },
    ...others.map((g): Column => ({ key: `release:${g.versions.join(',')}`, platform: `${here}, ${releaseLabel(g.versions)}`, kind: 'observed' })),
    ...claimed.map((p): Column => ({ key: `claim:${p}`, platform: p, kind: 'reported', source: record.reported?.[p] })),
    ...theirs.map(({ r }) => reportColumn(r)),
  ];

  const contradictions: Contradiction[] = [];
  const rows = record.calls.map((call): Row => {
    const cells: Cell[] = [{ column: 'observed', value: resultText(call), claim: call.claims[call.checked ?? here], claimKey: call.checked ?? here, verdict: call.verdict }];
    for (const g of others) {
      const theirs = sameCall(g.record, call);
      cells.push({
        column: `release:${g.versions.join(',')}`,
        value: theirs ? resultText(theirs) : undefined,
        claim: theirs?.claims[theirs.checked ?? here],
        claimKey: theirs?.checked ?? here,
        verdict: theirs?.verdict ?? 'unclaimed',
        ...(theirs ? {} : { note: 'this call was not made on these releases' }),
      });
    }
    for (const p of claimed) cells.push({ column: `claim:${p}`, value: call.claims[p] });
    for (const { r, s } of theirs) {
      // Matched by line and code, never by position: a call whose code changed has no reported value.
      const same = sameCall(s, call);
      const changed = !same && s.calls.some((c) => c.line === call.line);
      // A CI run observed its platform: the snippet's claim for that platform, as written now, is checked against it.
      const p = r.observations.provenance;
      const claim = p.ci && same ? call.claims[p.os] : undefined;
      const verdict = claim === undefined ? undefined : agrees(claim.split(' or '), same!.result) ? 'agrees' : 'contradicts';
      if (verdict === 'contradicts') contradictions.push({ line: call.line, code: call.code, claim: `${p.os}: ${claim}`, observed: resultText(same!), words: ciWords(p)!, run: p.ci!.run });
      cells.push({
        column: `report:${r.file}`,
        value: same ? resultText(same) : undefined,
        ...(claim !== undefined ? { claim, claimKey: p.os, verdict } : {}),
        note: same ? undefined : changed ? 'this line read differently when the report was made' : 'not in this report',
      });
    }
    return {
      line: call.line,
      code: call.code,
      result: resultText(call),
      extras: resultExtras(call),
      ask: predict.has(call.line),
      a: socketWords(call, runs),
      b: call.peer ? socketWords(call.peer, runs) : undefined,
      cells,
    };
  });

  const notes = theirs
    .filter(({ s }) => s.calls.some((c) => !sameCall(record, c)))
    .map(({ r }) => `${r.file} was made with different code for this scenario; its calls are shown only where line and code still match.`);

  const hereName = here === 'linux' ? 'Linux' : here;
  const elsewhere = claimed.map((p) => ({
    platform: p,
    source: record.reported?.[p],
    sentence: elsewhereSentence(
      p,
      record.calls.filter((c) => c.claims[p] !== undefined).map((c) => ({ code: c.code, here: resultText(c), there: c.claims[p] })),
      hereName,
    ),
  }));

  const ciSkipped = reports.flatMap((r) => {
    const p = r.observations.provenance;
    const s = r.observations.scenarios.find((x) => x.id === id && x.skipped);
    return p.ci && s ? [{ words: ciWords(p)!.replace(/^observed on /, 'on '), run: p.ci.run, why: `${notObservedWords(s)}: ${s.skipped}` }] : [];
  });

  return {
    record,
    elsewhere,
    contradictions,
    ciSkipped,
    code,
    codeToPredict: withQuestions(code, here),
    columns,
    rows,
    runs: runsSentence(record, runs),
    notes,
    releaseNotes: rangeNotes(record, groups),
    alsoOn: groups.flatMap((g) => g.versions).filter((v) => `v${v}` !== observed.provenance.node).sort(semver.compare),
  };
}
