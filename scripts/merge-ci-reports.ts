// node scripts/merge-ci-reports.ts DIR: copies the reports a CI observe run uploaded (DIR/*.json)
// into reports/ as reports/ci-RUNNER.json, each checked against the contract first. A report of
// the very system this build runs on is left out (with a line saying so): what it does is observed
// by this build itself, and the build refuses such a report. Exit 2 for bad usage, 1 for a bad report.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../observe/catalogue.ts';
import { reportsDir, thisSystem } from '../observe/reports.ts';
import { parseObservations } from '../observe/schema.ts';

const dir = process.argv[2];
if (!dir || process.argv.length > 3) {
  console.error('usage: node scripts/merge-ci-reports.ts DIR (the folder of the CI reports)');
  process.exit(2);
}
if (!existsSync(dir)) {
  console.error(`${dir}: no such folder`);
  process.exit(2);
}
const here = thisSystem();
const into = reportsDir(projectRoot);
mkdirSync(into, { recursive: true });
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  let o;
  try {
    o = parseObservations(readFileSync(join(dir, name), 'utf8'), name);
  } catch (e) {
    console.error(`✗ ${(e as Error).message}`);
    process.exit(1);
  }
  const p = o.provenance;
  if (!p.ci) {
    console.error(`✗ ${name}: $.provenance.ci: missing; only reports made by a CI run are merged here`);
    process.exit(1);
  }
  if (p.os === here.os && p.release === here.release) {
    console.log(`${name}: ${p.os} ${p.release} is the system this build runs on; observed here, so not merged`);
    continue;
  }
  const target = join(into, `ci-${p.ci.runner.replace(/[^a-z0-9.-]/gi, '-').toLowerCase()}.json`);
  copyFileSync(join(dir, name), target);
  console.log(`${name}: ${p.system ?? p.os} ${p.release}, CI run ${p.ci.runNumber} → ${target}`);
}
