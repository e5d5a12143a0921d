// The answer matrix's definitions against this build's observations: every row that names an
// observed scenario finds its deciding call there (a snippet whose code changed would otherwise
// leave a cell saying "call not found"), and every observed outcome has a page in the errno index.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisiveCall } from '../../site/answer/matrix.ts';
import { MATRIX_ROWS } from '../../site/answer/matrix-rows.ts';
import { occurrences } from '../../site/answer/outcomes.ts';
import { builtSite, loadBuiltObservations } from '../helpers/built-site.ts';


const observed = loadBuiltObservations();
const defined = MATRIX_ROWS.flatMap((row) =>
  Object.entries(row.cells).flatMap(([transport, d]) => (d && !('na' in d) ? [{ row: row.key, transport, d }] : [])),
);

const skipped = new Set(observed.scenarios.filter((s) => s.skipped).map((s) => s.id));

describe('the answer matrix on this build', () => {
  it.each(defined.filter((x) => !skipped.has(x.d.id)).map((x) => [`${x.row} over ${x.transport}`, x] as const))('%s: its deciding call is in the observations', (_, { d }) => {
    const record = observed.scenarios.find((s) => s.id === d.id);
    expect(record, `the matrix names ${d.id}, which was not observed`).toBeDefined();
    expect(decisiveCall(record!, d), `${d.id} has no call '${d.call}' #${d.nth ?? 1}`).toBeDefined();
  });
  it.each(defined.filter((x) => skipped.has(x.d.id)).map((x) => [`${x.row} over ${x.transport}`, x] as const))('%s: not observed on this build, and the record says why', (_, { d }) => {
    expect(observed.scenarios.find((s) => s.id === d.id)?.skipped).toMatch(/\S/);
  });
  it('every outcome observed has its page in the errno index', () => {
    const slugs = [...new Set(occurrences(observed).map((o) => o.outcome))];
    expect(slugs.filter((s) => !existsSync(join(builtSite().dist, 'errors', s, 'index.html')))).toEqual([]);
  });
});
