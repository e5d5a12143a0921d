// The README's command for contributing results from another system, run as printed there by the
// catalogue run (test/helpers/catalogue-run.ts, in a scratch folder that stands in for a checkout,
// so nothing lands in this one's reports/), writes a report that keeps the contract and credits its contributor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import { projectRoot, scenarioIds } from '../../observe/catalogue.ts';
import { parseObservations } from '../../observe/schema.ts';

const { contributor, stderr } = inject('catalogue');

it('README.md gives the command, and `npm run observe --` is `node observe/cli.ts` (which the run used in its place)', () => {
  expect(contributor.command, 'README.md has no "npm run observe -- --report" line under "Contributing results"').toBeDefined();
  const scripts = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).scripts as Record<string, string>;
  expect(scripts.observe).toMatch(/(^|&& )node observe\/cli\.ts$/);
});

it('the contributor command in README.md writes a valid, credited report', () => {
  expect(contributor.reports.map((r) => r.name), stderr).toHaveLength(1);
  const [written] = contributor.reports;
  const report = parseObservations(written.text, written.name);
  expect(written.name).toBe(`${process.platform}-${report.provenance.release}.json`);
  expect(report.provenance.contributor).toBe('Your Name');
  expect(report.scenarios.map((s) => s.id)).toEqual(scenarioIds());
  expect(stderr).toContain(`wrote reports/${written.name}`);
});
