// The answer matrix, computed: for each situation (matrix-rows.ts) and each transport, the result of
// the deciding call as this build observed it, and as other platforms are reported to answer, with a
// link to the block that shows it. Pure: Matrix.astro loads the data and renders what this returns.
import { NOT_OBSERVED, VERDICT } from '../../observe/format.ts';
import type { CallRecord, Observations, ScenarioRecord } from '../../observe/schema.ts';
import { scenarioHref } from './links.ts';
import { platformName } from './platform-name.ts';
import type { Decisive, MatrixRowDef, Transport } from './matrix-rows.ts';
import { reportedValues, shortResult } from './outcomes.ts';
import { releaseGroups, releaseLabel } from './releases.ts';
import type { Report } from './scenario-view.ts';

/** One platform's value in a cell. */
export interface MatrixValue {
  platform: string;
  how: 'observed' | 'reported';
  value: string;
  /** Observed: whether the snippet's claim held (✓/✗), in a mark and in words. */
  mark?: string;
  markWords?: string;
  /** Reported: where it comes from. */
  source?: string;
  /** Observed, where Node releases differ: which releases gave this value. */
  releases?: string;
}

/** What a cell shows. */
export type CellState = 'shown' | 'not-observed' | 'skipped' | 'no-call' | 'not-applicable' | 'no-scenario';

/** The words a cell without a value says. */
export const CELL_WORDS: Record<Exclude<CellState, 'shown'>, string> = {
  'not-observed': 'not observed yet',
  skipped: NOT_OBSERVED,
  'no-call': 'call not found in the scenario',
  'not-applicable': 'does not apply',
  'no-scenario': 'no example yet',
};

/** One cell: a situation over one transport. */
export interface MatrixCell {
  transport: string;
  state: CellState;
  id?: string;
  call?: string;
  line?: number;
  href?: string;
  values: MatrixValue[];
  /** Why a cell has no value (skipped, not applicable). */
  note?: string;
}

/** One row: a situation and its cells, in transport order. */
export interface MatrixRow {
  key: string;
  situation: string;
  question: boolean;
  cells: MatrixCell[];
}

/** The whole matrix. */
export interface MatrixView {
  transports: Transport[];
  /** Every platform that appears, observed first. */
  platforms: { platform: string; how: 'observed' | 'reported' }[];
  rows: MatrixRow[];
}

/** The call a definition points at, or undefined. */
export function decisiveCall(record: ScenarioRecord, d: Decisive): CallRecord | undefined {
  return record.calls.filter((c) => c.code === d.call)[(d.nth ?? 1) - 1];
}

/** Where to link: the block on this page, or on its home page. */
export interface LinkContext {
  home: Map<string, string>;
  here?: string;
  onThisPage?: Set<string>;
}

/** This platform's observed values of a cell: one, or one per group of Node releases where they differ. */
function observedValues(record: ScenarioRecord, call: CallRecord, d: Decisive, here: string, observed: Observations, releases: Observations[]): MatrixValue[] {
  const value = (c: CallRecord, releases?: string): MatrixValue => ({
    platform: platformName(here),
    how: 'observed',
    value: shortResult(c),
    mark: VERDICT[c.verdict].mark,
    markWords: VERDICT[c.verdict].words,
    ...(releases ? { releases } : {}),
  });
  const groups = releaseGroups(record.id, observed, releases)
    .map((g) => ({ g, c: g.own ? call : decisiveCall(g.record, d) }))
    .filter((x): x is { g: (typeof x)['g']; c: CallRecord } => x.c !== undefined);
  if (new Set(groups.map((x) => shortResult(x.c))).size < 2) return [value(call)];
  return groups.map(({ g, c }) => value(c, releaseLabel(g.versions)));
}

/** Builds the matrix from the row definitions, the observations (this build's, on each Node release it ran) and the reports. */
export function buildMatrix(
  defs: MatrixRowDef[],
  transports: Transport[],
  observed: Observations,
  reports: Report[],
  links: LinkContext,
  releases: Observations[] = [],
): MatrixView {
  const here = observed.provenance.os;
  const rows = defs.map((def): MatrixRow => ({
    key: def.key,
    situation: def.situation,
    question: def.question ?? false,
    cells: transports.map((t): MatrixCell => {
      const d = def.cells[t.key];
      if (!d) return { transport: t.key, state: 'no-scenario', values: [] };
      if ('na' in d) return { transport: t.key, state: 'not-applicable', values: [], note: d.na };
      const record = observed.scenarios.find((s) => s.id === d.id);
      if (!record) return { transport: t.key, state: 'not-observed', id: d.id, call: d.call, values: [] };
      const href = scenarioHref(d.id, links.home, links.here, links.onThisPage);
      if (record.skipped) return { transport: t.key, state: 'skipped', id: d.id, call: d.call, href, values: [], note: record.skipped };
      const call = decisiveCall(record, d);
      if (!call) return { transport: t.key, state: 'no-call', id: d.id, call: d.call, href, values: [] };
      const values: MatrixValue[] = [
        ...observedValues(record, call, d, here, observed, releases),
        ...reportedValues(record, call, here, reports).map((r): MatrixValue => ({ platform: platformName(r.platform), how: 'reported', value: r.value, source: r.source })),
      ];
      return { transport: t.key, state: 'shown', id: d.id, call: d.call, line: call.line, href, values };
    }),
  }));
  const reported = [...new Set(rows.flatMap((r) => r.cells.flatMap((c) => c.values.filter((v) => v.how === 'reported').map((v) => v.platform))))];
  return {
    transports,
    platforms: [{ platform: platformName(here), how: 'observed' }, ...reported.map((platform) => ({ platform, how: 'reported' as const }))],
    rows,
  };
}
