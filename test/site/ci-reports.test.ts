// Reports made by hosted CI runs (test/fixtures/ci-reports/: two darwin reports, written by hand
// as a CI run would make them; no Mac made them) reach the built site labelled by their run,
// distinct from this build's observations and from reported values. The Apple-silicon one agrees
// with the snippet's darwin claim; the Intel one contradicts it, and the page says so loudly.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { builtSite } from '../helpers/built-site.ts';
import { siteWithReports } from '../helpers/mini-project.ts';
import { attr, findAll, hasClass, parseFile, textOf, type El } from '../helpers/html.ts';

const ID = 'unix-stream/peer-closed-unread-then-read';
const FIXTURES = join(projectRoot, 'test/fixtures/ci-reports');
const ARM_RUN = 'https://github.com/closing-time-fixture/closing-time/actions/runs/7001042';
const INTEL_RUN = 'https://github.com/closing-time-fixture/closing-time/actions/runs/7001043';
const SKIPPED = 'unix-seqpacket/peer-closed-then-read';
let build: ReturnType<typeof siteWithReports>;

// A copy of the project whose one chapter places the two scenarios, built with the fixtures as its reports.
beforeAll(() => {
  build = siteWithReports([ID, SKIPPED], FIXTURES, builtSite().observations, 'closing-time-ci-reports-');
}, 180_000);
afterAll(() => build.remove());

describe('CI reports, built into the site', () => {
  let block: El;
  let columns: string[];
  const squash = (el: El) => textOf(el).replace(/\s+/g, ' ').trim();
  beforeAll(() => {
    expect(build.status, build.output).toBe(0);
    const page = parseFile(build.page);
    block = findAll(page, (el) => el.tagName === 'section' && attr(el, 'id') === ID)[0];
    columns = findAll(block, (el) => el.tagName === 'th').map(squash);
  });

  it('labels each as observed on macOS by CI run N, with a link to the run, never as observed on this build or reported', () => {
    expect(columns).toContain('macOS 15.5 (Darwin 24.5.0, arm64) observed by CI run 42');
    expect(columns).toContain('macOS 15.5 (Darwin 24.5.0, x64) observed by CI run 43');
    const links = findAll(block, (el) => el.tagName === 'a' && hasClass(el, 'ci-run')).map((a) => attr(a, 'href'));
    expect(links.sort()).toEqual([ARM_RUN, INTEL_RUN]);
    const sources = findAll(block, (el) => el.tagName === 'li' && squash(el).includes('CI run 42')).map(squash);
    expect(sources[0]).toMatch(/^observed by CI macOS 15\.5 \(Darwin 24\.5\.0, arm64\) — observed on macOS 15\.5 \(Darwin 24\.5\.0, arm64\) by CI run 42 \(https:\/\/github\.com\/closing-time-fixture\/closing-time\/actions\/runs\/7001042\), commit 0123456789ab, runner macos-15, image macos15 20261130\.1; experimental: tcpStateByPorts, threadState$/);
    expect(columns.filter((c) => c.includes('CI run') && / (observed|reported)$/.test(c))).toEqual([]);
  });

  it("shows the Apple-silicon run's value agreeing with the darwin claim", () => {
    const at = columns.findIndex((c) => c.includes('CI run 42'));
    const read = findAll(block, (el) => el.tagName === 'tr').map((tr) => findAll(tr, (el) => el.tagName === 'td')).find((cells) => cells.length && squash(cells[1]) === 'a.read()')!;
    expect(hasClass(read[at], 'agrees')).toBe(true);
    expect(squash(findAll(read[at], (el) => hasClass(el, 'ci-value'))[0])).toBe('0');
    expect(squash(read[at])).toBe('0✓as the comment beside the call says');
  });

  it('shows the contradicting run loudly: in its cell and in a note naming the line, the claim, the value and the run', () => {
    const at = columns.findIndex((c) => c.includes('CI run 43'));
    const read = findAll(block, (el) => el.tagName === 'tr').map((tr) => findAll(tr, (el) => el.tagName === 'td')).find((cells) => cells.length && squash(cells[1]) === 'a.read()')!;
    expect(hasClass(read[at], 'contradicts')).toBe(true);
    expect(squash(findAll(read[at], (el) => hasClass(el, 'ci-value'))[0])).toBe('ECONNRESET');
    expect(squash(findAll(read[at], (el) => hasClass(el, 'ci-contradicts'))[0])).toBe('✗ contradicts the claim darwin: 0');
    const alerts = findAll(block, (el) => hasClass(el, 'ci-contradiction'));
    expect(alerts.map(squash)).toEqual([
      `Contradicted by CI: line 8, a.read(), claims darwin: 0, but it returned ECONNRESET, observed on macOS 15.5 (Darwin 24.5.0, x64) by CI run 43 (the run). The claim, or the lab on that system, is wrong; until one is fixed, the CI run's value stands.`,
    ]);
    expect(attr(findAll(alerts[0], (el) => el.tagName === 'a')[0], 'href')).toBe(INTEL_RUN);
  });

  it("says on the page's provenance line which results CI observed, and which mechanisms were experimental there", () => {
    const page = parseFile(build.page);
    const lines = findAll(page, (el) => hasClass(el, 'ci-provenance')).map(squash);
    expect(lines).toContain('Results marked observed by CI were observed on macOS 15.5 (Darwin 24.5.0, arm64) by CI run 42 (the run, commit 0123456789ab), not on this build; mechanisms not yet confirmed there: tcpStateByPorts, threadState.');
  });

  it('says which scenarios a CI run could not observe because its platform lacks what they need, and why', () => {
    const page = parseFile(build.page);
    const section = findAll(page, (el) => el.tagName === 'section' && attr(el, 'id') === 'unix-seqpacket/peer-closed-then-read')[0];
    expect(findAll(section, (el) => hasClass(el, 'ci-skipped')).map(squash)).toEqual([
      'observed by CI on macOS 15.5 (Darwin 24.5.0, arm64) by CI run 42 (the run): not observed on this platform: darwin lacks Unix SOCK_SEQPACKET sockets: XNU has no SOCK_SEQPACKET for Unix sockets (bsd/kern/uipc_proto.c:85-94 lists stream and datagram only).',
    ]);
  });
});
