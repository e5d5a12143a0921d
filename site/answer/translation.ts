// The translation table, computed: for each outcome (translation-rows.ts) and each language, what the
// deciding calls gave on this build, each linked to the block that shows its program. A runtime this
// build did not find fills its column with why. Pure: Translation.astro loads the data and renders it.
import { NOT_OBSERVED } from '../../observe/format.ts';
import type { Observations, ScenarioRecord } from '../../observe/schema.ts';
import { scenarioHref } from './links.ts';
import { decisiveCall, CELL_WORDS } from './matrix.ts';
import { shortResult } from './outcomes.ts';
import { LANGUAGES, TRANSLATION_ROWS, type Language, type TranslationRowDef } from './translation-rows.ts';

/** One call's value in a cell, with the code that gave it and where its program is shown. */
export interface TranslationValue {
  id: string;
  code: string;
  line?: number;
  /** What the call gave, as the site writes results; undefined when it was not observed. */
  value?: string;
  /** Why there is no value. */
  missing?: string;
  href?: string;
}

/** One cell: a language's words for one outcome. */
export interface TranslationCell {
  language: Language['key'];
  values: TranslationValue[];
  /** Why the outcome does not arise in this language (Node.js never sees EAGAIN), or that no program shows it yet. */
  note?: string;
}

/** One row of the table. */
export interface TranslationRow {
  key: string;
  outcome: string;
  situation: string;
  /** The errno index page of the outcome, when the index has it. */
  errnoHref?: string;
  /** The system-call scenario underneath, linked. */
  syscallHref?: string;
  cells: TranslationCell[];
}

/** A column's heading: the language and, for Python and Ruby, the release observed or why none was. */
export interface TranslationColumn extends Language {
  release?: string;
  missing?: string;
}

/** The whole table. */
export interface TranslationView {
  columns: TranslationColumn[];
  rows: TranslationRow[];
}

/** The anchor of a row on the "Your language" page. */
export function rowAnchor(key: string): string {
  return `row-${key}`;
}

/** The page the table is on. */
export const TRANSLATION_PAGE = '/your-language/';

/** The rows whose outcome has the errno index page `slug`, as links to them. */
export function rowsForOutcome(slug: string): { href: string; outcome: string }[] {
  return TRANSLATION_ROWS.filter((r) => r.slug === slug).map((r) => ({ href: `${TRANSLATION_PAGE}#${rowAnchor(r.key)}`, outcome: r.outcome }));
}

/** Builds the table from the observations; `home` maps each id to the page that shows it, `slugs` the errno index's pages. */
export function buildTranslation(observed: Observations, home: Map<string, string>, slugs: Set<string>, defs: TranslationRowDef[] = TRANSLATION_ROWS): TranslationView {
  const all = new Map<string, ScenarioRecord>([...observed.scenarios, ...(observed.programs ?? [])].map((s) => [s.id, s]));
  const runtimes = observed.provenance.runtimes ?? [];
  const columns = LANGUAGES.map((l): TranslationColumn => {
    if (l.key === 'c') return { ...l, release: `${observed.provenance.os} ${observed.provenance.release}` };
    if (l.key === 'node') return { ...l, release: observed.provenance.node };
    const found = runtimes.find((r) => r.name === l.key);
    if (!found) return { ...l, missing: 'not observed on this build: its programs were not run' };
    return found.missing !== undefined ? { ...l, missing: `${NOT_OBSERVED}: ${found.missing}` } : { ...l, release: found.version };
  });
  const rows = defs.map((def): TranslationRow => {
    const cells = LANGUAGES.map((l): TranslationCell => {
      const cell = def.cells[l.key];
      if (!cell) return { language: l.key, values: [], note: CELL_WORDS['no-scenario'] };
      if ('na' in cell) return { language: l.key, values: [], note: cell.na };
      return {
        language: l.key,
        values: cell.map((d): TranslationValue => {
          const record = all.get(d.id);
          const href = scenarioHref(d.id, home);
          if (!record) return { id: d.id, code: d.call, missing: CELL_WORDS['not-observed'], href };
          if (record.skipped) return { id: d.id, code: d.call, missing: `${NOT_OBSERVED}: ${record.skipped}`, href };
          const c = decisiveCall(record, d);
          if (!c) return { id: d.id, code: d.call, missing: CELL_WORDS['no-call'], href };
          return { id: d.id, code: c.code, line: c.line, value: shortResult(c), href };
        }),
      };
    });
    const syscall = (def.cells.c && !('na' in def.cells.c) ? def.cells.c[0] : undefined)?.id;
    return {
      key: def.key,
      outcome: def.outcome,
      situation: def.situation,
      ...(def.slug && slugs.has(def.slug) ? { errnoHref: `/errors/${def.slug}/` } : {}),
      ...(syscall ? { syscallHref: scenarioHref(syscall, home) } : {}),
      cells,
    };
  });
  return { columns, rows };
}
