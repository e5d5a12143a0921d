// npm run observe [-- ids…] [--repetitions N] [--json] [--out FILE]
// Observes scenarios on this kernel and checks their claims. Exit codes: 0 all claims hold,
// 1 a claim is contradicted or a scenario failed, 2 bad usage (an unknown id, a bad option).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { closestIds, scenarioIds, snippetsDir } from './catalogue.ts';
import { misplaced } from './placements.ts';
import { loadReports } from './reports.ts';
import { observe } from './run.ts';
import { formatScenario } from './table.ts';

const usage = `usage: npm run observe -- [id or transport …] [--repetitions N] [--timeout MS] [--jobs N] [--json] [--out FILE] [--quiet]`;

function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      repetitions: { type: 'string', short: 'n', default: '20' },
      timeout: { type: 'string', default: '5000' },
      jobs: { type: 'string', short: 'j', default: String(Math.min(2, availableParallelism())) },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      'if-missing': { type: 'boolean', default: false },
      snippets: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (e) {
  fail(2, `${(e as Error).message}\n${usage}`);
}
const { values: opts, positionals } = args;
if (opts.help) fail(0, usage);
if (opts['if-missing'] && opts.out && existsSync(opts.out)) process.exit(0);

const repetitions = Number(opts.repetitions);
const timeoutMs = Number(opts.timeout);
if (!Number.isInteger(repetitions) || repetitions < 1) fail(2, `--repetitions takes a whole number ≥ 1, not '${opts.repetitions}'`);
if (!Number.isInteger(timeoutMs) || timeoutMs < 1) fail(2, `--timeout takes milliseconds ≥ 1, not '${opts.timeout}'`);
const parallel = Number(opts.jobs);
if (!Number.isInteger(parallel) || parallel < 1) fail(2, `--jobs takes a whole number ≥ 1, not '${opts.jobs}'`);

// CLOSING_TIME_SNIPPETS lets a test run the real build against a copy of the snippets.
const dirOption = opts.snippets ?? process.env.CLOSING_TIME_SNIPPETS;
const dir = dirOption ? resolve(dirOption) : snippetsDir;
const known = scenarioIds(dir);
const chosen = new Set<string>();
for (const wanted of positionals.length ? positionals : known) {
  const name = wanted.replace(/^snippets\//, '').replace(/\.ts$/, '').replace(/\/$/, '');
  const matches = known.filter((id) => id === name || id.startsWith(name + '/'));
  if (!matches.length) {
    fail(2, `unknown scenario '${wanted}'; closest known: ${closestIds(name, known).join(', ')}`);
  }
  matches.forEach((id) => chosen.add(id));
}

// The build (--out) also checks what the site will read besides: the reports contributed from
// other systems, and the ids the chapters place (a misspelt one fails here, in one line).
if (opts.out) {
  try {
    loadReports();
  } catch (e) {
    fail(1, `✗ ${(e as Error).message}`);
  }
  const wrong = misplaced(known);
  if (wrong.length) fail(1, wrong.map((w) => `✗ ${w}`).join('\n'));
}

const outcome = await observe(
  [...chosen].map((id) => ({ id, file: join(dir, `${id}.ts`) })),
  { repetitions, timeoutMs, parallel },
);
const { observations, failures } = outcome;

// Written only when every claim held, so a failed observation never replaces good ones.
if (opts.out && failures.length === 0) {
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(observations, null, 2) + '\n');
}
if (opts.json) {
  process.stdout.write(JSON.stringify(observations, null, 2) + '\n');
} else if (!opts.quiet) {
  for (const s of observations.scenarios) console.log(formatScenario(s, observations.provenance.os, repetitions));
}
const calls = observations.scenarios.flatMap((s) => s.variants?.flatMap((v) => v.calls) ?? s.calls);
const agree = calls.filter((c) => c.verdict === 'agrees').length + calls.filter((c) => c.wireVerdict === 'agrees').length;
const contradict = calls.filter((c) => c.verdict === 'contradicts').length + calls.filter((c) => c.wireVerdict === 'contradicts').length;
const p = observations.provenance;
console.error(
  `observed ${observations.scenarios.length} of ${chosen.size} scenario(s) × ${repetitions} on ${p.os} ${p.release}, ` +
    `node ${p.node}, in ${(outcome.elapsedMs / 1000).toFixed(2)} s: ${agree} claim(s) agree, ${contradict} contradict`,
);
for (const f of failures) console.error(`✗ ${f}`);
process.exit(failures.length ? 1 : 0);
