// The two views of an observation, from committed fixtures, against committed file snapshots
// (as shiki does): the terminal table and the page's view model. `npx vitest -u` updates them
// after an intended change; review the diff.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { parseObservations } from '../../observe/schema.ts';
import { formatScenario } from '../../observe/table.ts';
import { scenarioView } from '../../site/answer/scenario-view.ts';

const fixtures = join(projectRoot, 'test/fixtures/view');
const observed = parseObservations(readFileSync(join(fixtures, 'observed.json'), 'utf8'), 'observed.json');
const report = { file: 'reports/darwin-fixture.json', observations: parseObservations(readFileSync(join(fixtures, 'report-darwin.json'), 'utf8'), 'report-darwin.json') };
const source = readFileSync(join(projectRoot, 'test/fixtures/snippets/fixture/fine.ts'), 'utf8');

describe('views of the fixture observations', () => {
  it.each(observed.scenarios.map((s) => s.id))('%s as a terminal table', async (id) => {
    const s = observed.scenarios.find((x) => x.id === id)!;
    await expect(formatScenario(s, 'linux', observed.provenance.repetitions)).toMatchFileSnapshot(`__snapshots__/table/${id.replace('/', '--')}.txt`);
  });
  it.each(observed.scenarios.map((s) => s.id))('%s as the page view model', async (id) => {
    const view = scenarioView(id, observed, [report], source);
    await expect(JSON.stringify(view, null, 2) + '\n').toMatchFileSnapshot(`__snapshots__/view/${id.replace('/', '--')}.json`);
  });
  it('matches a report by line and code, and credits each report on its own', () => {
    const view = scenarioView('fixture/fine', observed, [report, { ...report, file: 'reports/darwin-other.json' }], source);
    expect(view.columns.map((c) => c.key)).toEqual(['observed', 'claim:darwin', 'report:reports/darwin-fixture.json', 'report:reports/darwin-other.json']);
    expect(view.columns[2].source).toContain('by Ada Fixture');
    const changed = view.rows[0].cells.find((c) => c.column === 'report:reports/darwin-fixture.json')!;
    expect(changed).toEqual({ column: 'report:reports/darwin-fixture.json', value: undefined, note: 'this line read differently when the report was made' });
    expect(view.rows[1].cells.find((c) => c.column === 'report:reports/darwin-fixture.json')!.value).toBe('0');
  });
  it('shows the whole file, so a copy runs as it is and its lines are the file\'s', () => {
    const view = scenarioView('fixture/fine', observed, [], source);
    expect(view.code).toBe(source.trimEnd() + '\n');
    expect(view.rows.map((r) => r.line)).toEqual([5, 6]);
    expect(view.code.split('\n')[view.rows[0].line - 1]).toContain('b.close()');
  });
  it('asks only about the calls marked predict, with `?` in place of their claim, and no other claim', () => {
    const marked = source.replace('a.read();          //=> linux: 0', 'a.read();          //=> linux: 0 · predict');
    const view = scenarioView('fixture/fine', observed, [], marked);
    expect(view.rows.map((r) => r.ask)).toEqual([false, true]);
    expect(view.codeToPredict).toContain('a.read();          //=> linux: ?');
    expect(view.codeToPredict).not.toMatch(/b\.close\(\);\s*\/\/=>/);
  });
});

describe('another platform in one plain sentence', () => {
  it('names the calls that differ, or says they agree', async () => {
    const { elsewhereSentence } = await import('../../site/answer/scenario-view.ts');
    expect(elsewhereSentence('darwin', [{ code: 'a.read()', here: 'ECONNRESET', there: '0' }, { code: 'a.read()', here: '0', there: '0' }], 'Linux')).toBe(
      'On a Mac, `a.read()` returns 0 where Linux gave ECONNRESET.',
    );
    expect(elsewhereSentence('darwin', [{ code: "a.write('foo')", here: 'EPIPE', there: 'EPIPE' }], 'Linux')).toBe("On a Mac, `a.write('foo')` is reported to return EPIPE too.");
  });
});

describe('a call in a narrow cell', () => {
  it('wraps only after an opening parenthesis or a comma', async () => {
    const { callParts } = await import('../../site/answer/call-parts.ts');
    expect(callParts("a.write('hello')")).toEqual(["a.write(", "'hello')"]);
    expect(callParts("await request(server.url('never'), { destroyAfterMs: 50 })")).toEqual(['await request(', 'server.url(', "'never'), ", '{ destroyAfterMs: 50 })']);
  });
});
