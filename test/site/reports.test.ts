// A report contributed from another system reaches the built site: a real build with a fixture
// report in a reports folder of its own, into an output folder of its own, shows the report in a
// column of its own, credited to its contributor, with each value beside the call it belongs to.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Observations } from '../../observe/schema.ts';
import { builtSite, loadBuiltObservations } from '../helpers/built-site.ts';
import { siteWithReports } from '../helpers/mini-project.ts';
import { attr, findAll, hasClass, parseFile, textOf, type El } from '../helpers/html.ts';

const ID = 'unix-stream/peer-closed-unread-then-read';
/** A contributor name with markup in it: the site must show it as text, never as markup. */
const CONTRIBUTOR = 'Ada <img src=x onerror=alert(1)> "Fixture" & <b>co</b>';
let reports: string;
let build: ReturnType<typeof siteWithReports>;

/** A darwin report made from this build's own observations, with darwin's answer to the read, and one call's code changed. */
function fixtureReport(): Observations {
  const o = loadBuiltObservations();
  const s = structuredClone(o.scenarios.find((x) => x.id === ID)!);
  const read = s.calls.findIndex((c) => c.code === 'a.read()');
  s.calls[read] = { ...s.calls[read], result: 0, verdict: 'agrees' };
  s.calls[0] = { ...s.calls[0], code: `${s.calls[0].code} /* older code */` };
  return {
    schema: SCHEMA_VERSION,
    provenance: { ...o.provenance, os: 'darwin', release: '24.1.0', arch: 'arm64', contributor: CONTRIBUTOR },
    scenarios: [s],
  };
}

beforeAll(() => {
  reports = mkdtempSync(join(tmpdir(), 'closing-time-reports-'));
  writeFileSync(join(reports, 'darwin-24.1.0.json'), JSON.stringify(fixtureReport(), null, 2));
  // The same observations as the site under test, and the fixture report, built from a copy placing the scenario.
  build = siteWithReports([ID], reports, builtSite().observations, 'closing-time-reports-site-');
}, 180_000);
afterAll(() => {
  build.remove();
  rmSync(reports, { recursive: true, force: true });
});

describe('a contributed report, built into the site', () => {
  let block: El;
  let columns: string[];
  beforeAll(() => {
    expect(build.status, build.output).toBe(0);
    const page = parseFile(build.page);
    block = findAll(page, (el) => el.tagName === 'section' && attr(el, 'id') === ID)[0];
    columns = findAll(block, (el) => el.tagName === 'th').map((th) => textOf(th).replace(/\s+/g, ' ').trim());
  });

  it('has a column of its own, named by its system and release', () => {
    expect(columns).toContain('darwin 24.1.0 reported');
  });
  it('is credited to its contributor, whose name is shown as text even when it holds markup', () => {
    expect(textOf(block)).toContain(`by ${CONTRIBUTOR}`);
    expect(findAll(block, (el) => el.tagName === 'img' || el.tagName === 'b')).toEqual([]);
  });
  it('puts each value beside its own call, matched by line and code', () => {
    const at = columns.indexOf('darwin 24.1.0 reported');
    const rows = findAll(block, (el) => el.tagName === 'tr').slice(1).map((tr) => findAll(tr, (el) => el.tagName === 'td'));
    const read = rows.find((cells) => textOf(cells[1]).trim() === 'a.read()')!;
    expect(textOf(read[at]).trim()).toBe('0');
    // The first call's code differs in the report: no value, and a note why.
    expect(textOf(rows[0][at]).trim()).toBe('—');
    expect(attr(rows[0][at], 'title')).toBe('this line read differently when the report was made');
    expect(findAll(block, (el) => hasClass(el, 'report-note')).length).toBe(1);
  });
});
