// The answer matrix, the errno index and the summaries, computed from committed fixture observations
// (no kernel), against committed file snapshots; and the promise that makes them worth having:
// adding a scenario's observations adds its matrix cells and its index entries with no other edit.
// `npx vitest -u` updates the snapshots after an intended change; review the diff.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import type { Placement } from '../../observe/placements.ts';
import { parseObservations, type Observations } from '../../observe/schema.ts';
import { homePages, pageOfFile, scenarioHref } from '../../site/answer/links.ts';
import { buildMatrix, decisiveCall } from '../../site/answer/matrix.ts';
import { MATRIX_ROWS, TRANSPORTS } from '../../site/answer/matrix-rows.ts';
import { OUTCOME_NOTES, noteOf } from '../../site/answer/outcome-notes.ts';
import { outcomePages } from '../../site/answer/outcome-pages.ts';
import { occurrences, outcomeOf, reportedValues } from '../../site/answer/outcomes.ts';
import { peerActs, summaryView } from '../../site/answer/summary-view.ts';

const fixtures = join(projectRoot, 'test/fixtures/answer');
const load = (name: string) => parseObservations(readFileSync(join(fixtures, name), 'utf8'), name);
const observed = load('observed.json');
const added = load('new-scenarios.json');
const report = { file: 'reports/darwin-fixture.json', observations: load('report-darwin.json') };

/** Where the fixture's scenarios are placed: a chapter per transport, plus The question. */
function placementsOf(o: Observations): Placement[] {
  return o.scenarios.flatMap((s, i) => [
    { id: s.id, file: `content/${s.id.split('/')[0]}/chapter.mdx`, line: i + 1, kind: 'block' as const, predict: true },
    { id: s.id, file: `content/${s.id.split('/')[0]}/chapter.mdx`, line: 100 + i, kind: 'summary' as const, predict: false },
    ...(s.id.includes('unread-then') ? [{ id: s.id, file: 'content/the-question.mdx', line: i + 1, kind: 'block' as const, predict: false }] : []),
  ]);
}
const withAdded: Observations = { ...observed, scenarios: [...observed.scenarios, ...added.scenarios] };
const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

describe('links to blocks', () => {
  it('a content file becomes its page path', () => {
    expect(pageOfFile('content/tcp/abortive-close.mdx')).toBe('/tcp/abortive-close/');
    expect(pageOfFile('content/index.mdx')).toBe('/');
    expect(pageOfFile('content/the-question.mdx')).toBe('/the-question/');
  });
  it('prefers a block that shows its results openly, and the block on this page', () => {
    const home = homePages(placementsOf(observed));
    expect(home.get('tcp/peer-closed-unread-then-read')).toBe('/the-question/');
    expect(home.get('tcp/sigpipe')).toBe('/tcp/chapter/');
    expect(scenarioHref('tcp/sigpipe', home)).toBe('/tcp/chapter/#tcp/sigpipe');
    expect(scenarioHref('tcp/sigpipe', home, '/tcp/chapter/', new Set(['tcp/sigpipe']))).toBe('#tcp/sigpipe');
    expect(scenarioHref('tcp/nowhere', home)).toBeUndefined();
  });
});

describe('which outcome a call stands for', () => {
  it.each([
    [0, 'read', 'eof'],
    [0, 'recv', 'eof'],
    [0, 'write', undefined],
    [0, 'close', undefined],
    ['end', 'event', 'eof'],
    ['ECONNRESET', 'read', 'econnreset'],
    ['EPIPE', 'write', 'epipe'],
    ['SIGPIPE', 'write', 'epipe'],
    ['error ECONNRESET reused', 'request', 'econnreset'],
    ['throws ERR_INVALID_HANDLE_TYPE', 'close', 'err_invalid_handle_type'],
    ['rejected EPIPE', 'settle', 'epipe'],
    ['resolved 200', 'settle', undefined],
    ['close false', 'event', undefined],
    ['IN HUP', 'poll', undefined],
    ['ERR', 'poll', undefined],
    ['rejected UND_ERR_SOCKET', 'request', undefined],
    ['rejected ECONNRESET', 'request', 'econnreset'],
    ['EACCES', 'connect', 'eacces'],
  ] as const)('%s from a %s is %s', (result, kind, slug) => {
    expect(outcomeOf(result, kind)).toBe(slug);
  });
});

describe('the answer, from the fixture observations', () => {
  const home = homePages(placementsOf(observed));
  it('the matrix', async () => {
    await expect(json(buildMatrix(MATRIX_ROWS, TRANSPORTS, observed, [report], { home }))).toMatchFileSnapshot('__snapshots__/answer/matrix.json');
  });
  it('the errno index', async () => {
    await expect(json(outcomePages(observed, [report], home))).toMatchFileSnapshot('__snapshots__/answer/errno-index.json');
  });
  it('a summary', async () => {
    const ids = ['tcp/peer-closed-unread-then-read', 'tcp/peer-closed-unread-then-write', 'tcp/sigpipe', 'tcp/connect-refused', 'tcp/user-timeout'];
    await expect(json(summaryView(ids, observed, [report]))).toMatchFileSnapshot('__snapshots__/answer/summary.json');
  });
  it('a reported value is never shown as observed, and names its source', () => {
    const m = buildMatrix(MATRIX_ROWS, TRANSPORTS, observed, [report], { home });
    const cell = m.rows.find((r) => r.key === 'unread-write')!.cells.find((c) => c.transport === 'tcp')!;
    expect(cell.values.filter((v) => v.how === 'observed').map((v) => v.platform)).toEqual(['Linux']);
    const reported = cell.values.filter((v) => v.how === 'reported');
    expect(reported.map((v) => v.platform)).toEqual(['macOS', 'macOS 25.0.0-fixture']);
    expect(reported.every((v) => v.source)).toBe(true);
  });
  it('a skipped scenario says so instead of showing an old value', () => {
    const m = buildMatrix(MATRIX_ROWS, TRANSPORTS, observed, [], { home });
    const cell = m.rows.find((r) => r.key === 'silent-peer')!.cells.find((c) => c.transport === 'tcp')!;
    expect(cell).toMatchObject({ state: 'skipped', values: [] });
  });
});

describe('what a summary and a report line up with', () => {
  it("the peer acts at the first close, shutdown, exit or silence of a socket other than A's", () => {
    const at = (calls: [string, string | undefined][]) => peerActs(calls.map(([kind, socket]) => ({ kind, socket }) as never));
    expect(at([['shutdown', 'a'], ['write', 'a'], ['close', 'b'], ['read', 'a']])).toBe(2);
    expect(at([['close', 'a'], ['exit', 'b']])).toBe(1);
    expect(at([['settle', undefined], ['silence', 'b']])).toBe(1);
    expect(at([['read', 'a']])).toBe(0);
  });
  it("a report's value belongs to the call with the same line and the same code, and to no other", () => {
    const record = observed.scenarios.find((s) => report.observations.scenarios.some((r) => r.id === s.id && r.calls.length))!;
    const theirs = report.observations.scenarios.find((r) => r.id === record.id)!;
    const call = record.calls.find((c) => theirs.calls.some((t) => t.line === c.line && t.code === c.code))!;
    const fromReport = (r: typeof report) => reportedValues(record, call, observed.provenance.os, [r]).filter((v) => v.file);
    expect(fromReport(report)).toHaveLength(1);
    const changed = structuredClone(report);
    for (const c of changed.observations.scenarios.find((r) => r.id === record.id)!.calls) if (c.line === call.line) c.code += ' // older code';
    expect(fromReport(changed)).toEqual([]);
  });
});

describe('adding a scenario adds its cells and its index entries, with no other edit', () => {
  const before = buildMatrix(MATRIX_ROWS, TRANSPORTS, observed, [], { home: homePages(placementsOf(observed)) });
  const after = buildMatrix(MATRIX_ROWS, TRANSPORTS, withAdded, [], { home: homePages(placementsOf(withAdded)) });
  const cellOf = (m: typeof before, row: string, transport: string) => m.rows.find((r) => r.key === row)!.cells.find((c) => c.transport === transport)!;

  it.each([
    ['unread-read', 'unix-seqpacket', 'unix-seqpacket/peer-closed-unread-then-read', 'ECONNRESET', '/the-question/'],
    ['unread-read', 'node', 'node/peer-closed-unread', 'error ECONNRESET', '/node/chapter/'],
  ])('%s over %s: "not observed yet", then the observed value, linked', (row, transport, id, value, page) => {
    expect(cellOf(before, row, transport)).toMatchObject({ state: 'not-observed', id, values: [] });
    const cell = cellOf(after, row, transport);
    expect(cell).toMatchObject({ state: 'shown', id, href: `${page}#${id}` });
    expect(cell.values[0]).toMatchObject({ how: 'observed', value });
  });

  it('its calls join the errno index, under their outcome, linked', () => {
    const pagesBefore = outcomePages(observed, [], homePages(placementsOf(observed)));
    const pagesAfter = outcomePages(withAdded, [], homePages(placementsOf(withAdded)));
    const econnreset = (p: typeof pagesBefore) => p.find((x) => x.slug === 'econnreset')!.byTransport;
    expect(econnreset(pagesBefore).map((t) => t.transport)).toEqual(['tcp', 'unix-stream']);
    expect(econnreset(pagesAfter).map((t) => t.transport)).toEqual(['tcp', 'unix-stream', 'unix-seqpacket', 'node']);
    const seqpacket = econnreset(pagesAfter).find((t) => t.transport === 'unix-seqpacket')!.rows;
    expect(seqpacket.map((r) => [r.code, r.line, r.value, r.href])).toEqual([
      ['a.read()', 6, 'ECONNRESET', '/the-question/#unix-seqpacket/peer-closed-unread-then-read'],
    ]);
    // Node's 'end' and 'error ECONNRESET' are the same outcomes as read() = 0 and ECONNRESET.
    expect(occurrences(withAdded).filter((o) => o.transport === 'node').map((o) => o.outcome)).toEqual(['econnreset']);
  });

  it('nothing else changes', () => {
    for (const [i, row] of before.rows.entries()) {
      for (const [j, cell] of row.cells.entries()) {
        if (added.scenarios.some((s) => s.id === cell.id)) continue;
        expect(after.rows[i].cells[j]).toEqual(cell);
      }
    }
  });
});

describe('the words', () => {
  it('every rule is written without example values (they come from the observations)', () => {
    for (const [slug, note] of Object.entries(OUTCOME_NOTES)) {
      expect(note.rule, slug).not.toMatch(/\b\d{2,}\b/);
      expect(note.mechanism.length, slug).toBeGreaterThan(0);
    }
  });
  it('an outcome nobody explained yet still gets a page, saying so', () => {
    expect(noteOf('ehostunreach')).toMatchObject({ title: 'EHOSTUNREACH', written: false });
  });
  it('every matrix definition names a call its scenario has, where the fixture has the scenario', () => {
    for (const row of MATRIX_ROWS) {
      for (const d of Object.values(row.cells)) {
        if (!d || 'na' in d) continue;
        const record = withAdded.scenarios.find((s) => s.id === d.id && !s.skipped);
        if (record) expect(decisiveCall(record, d), `${row.key}: ${d.id} has no '${d.call}' #${d.nth ?? 1}`).toBeDefined();
      }
    }
  });
});
