// One exercise of the teaching page, from this build's observations: the calls worth predicting in
// the scenario it starts from and in the one it changes into (the snippet's `predict` marks), with
// what each returned, and where each block is read. Pure but for reading the snippet files.
import { resultLine } from '../../observe/format.ts';
import type { Observations } from '../../observe/schema.ts';
import { parseSnippet } from '../../snippets/lab/syntax.ts';
import { scenarioHref } from './links.ts';
import { findRecord } from './scenario-view.ts';

/** A call to predict, and what it returned on this build. */
export interface KeyCall {
  line: number;
  code: string;
  result: string;
}

/** One scenario of an exercise. */
export interface ExerciseScenario {
  id: string;
  file: string;
  title: string;
  href?: string;
  /** The calls worth predicting, with their observed results; empty when not observed on this build. */
  calls: KeyCall[];
  skipped?: string;
}

/** The scenario `id` as an exercise shows it. */
export function exerciseScenario(id: string, observed: Observations, source: string, home: Map<string, string>): ExerciseScenario {
  const record = findRecord(observed, id);
  const { predict } = parseSnippet(source, record.file);
  return {
    id,
    file: record.file,
    title: record.title,
    href: scenarioHref(id, home),
    calls: record.calls.filter((c) => predict.has(c.line)).map((c) => ({ line: c.line, code: c.code, result: resultLine(c) })),
    ...(record.skipped ? { skipped: record.skipped } : {}),
  };
}
