// The README's command for contributing results from another system, run exactly as printed there
// (in a scratch folder that stands in for a checkout, so nothing lands in this one's reports/),
// writes a report that keeps the contract and credits its contributor.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { projectRoot, scenarioIds } from '../../observe/catalogue.ts';
import { parseObservations } from '../../observe/schema.ts';

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Contributing results'), readme.indexOf('## Layout'));
const command = section.split('\n').find((l) => l.startsWith('npm run observe -- --report'))!;
const scratch = mkdtempSync(join(tmpdir(), 'closing-time-contributor-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('the contributor command in README.md writes a valid, credited report', () => {
  expect(command, 'README.md has no "npm run observe -- --report" line under "Contributing results"').toBeDefined();
  for (const dir of ['observe', 'snippets', 'scripts', 'node_modules', 'content']) symlinkSync(join(projectRoot, dir), join(scratch, dir));
  copyFileSync(join(projectRoot, 'package.json'), join(scratch, 'package.json'));
  mkdirSync(join(scratch, 'reports'));
  const r = spawnSync('bash', ['-c', command], { cwd: scratch, encoding: 'utf8', env: { ...process.env, TMPDIR: scratch } });
  const written = readdirSync(join(scratch, 'reports'));
  expect(written, r.stderr).toHaveLength(1);
  const report = parseObservations(readFileSync(join(scratch, 'reports', written[0]), 'utf8'), written[0]);
  expect(written[0]).toBe(`${process.platform}-${report.provenance.release}.json`);
  expect(report.provenance.contributor).toBe('Your Name');
  expect(report.scenarios.map((s) => s.id)).toEqual(scenarioIds());
  expect(r.stderr).toContain(`wrote reports/${written[0]}`);
});
