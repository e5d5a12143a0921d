// `npx tsx snippets/<id>.ts`: a snippet run on its own prints its one trace, with its claims checked.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { captureUnavailable } from '../snippets/lab/capture.ts';
import type { Recorder } from '../snippets/lab/recorder.ts';
import { assemble } from './assemble.ts';
import { parseSnippet } from './claims.ts';
import { formatScenario } from './table.ts';
import { idOf, projectRoot } from './catalogue.ts';

/** Prints the recorded trace as a table and returns the exit code: 1 when a claim is contradicted. */
export function printStandalone(r: Recorder): number {
  if (!r.file) {
    console.error('no socket call was recorded');
    return 1;
  }
  const file = relative(projectRoot, r.file);
  const snippet = parseSnippet(readFileSync(r.file, 'utf8'), file);
  const { record, failures } = assemble(idOf(r.file), file, snippet, [r.calls], process.platform, captureUnavailable());
  console.log(formatScenario(record, process.platform, 1));
  for (const f of failures) console.error(`✗ ${f}`);
  return failures.length ? 1 : 0;
}
