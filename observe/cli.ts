// npm run observe [-- ids…] [--repetitions N] [--json] [--out FILE] [--report FILE --contributor NAME]
// Observes scenarios on this kernel and checks their claims. Exit codes: 0 all claims hold,
// 1 a claim is contradicted or a scenario failed, 2 bad usage (an unknown id, a bad option),
// 130 / 143 / 129 / 131 stopped by SIGINT / SIGTERM / SIGHUP / SIGQUIT (after removing everything
// the run made).
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closestIds, scenarioIds, snippetsDir } from './catalogue.ts';
import { misplaced } from './placements.ts';
import { programFile, programIds } from './runtimes.ts';
import { loadReports } from './reports.ts';
import { MAX_WORKERS } from './jobs.ts';
import { nodeBinary, parseReleaseList, versionsOf } from './node-releases.ts';
import { CanaryFailed, observe, type NodeRelease } from './run.ts';
import { contributorError, ID_PATTERN } from './schema.ts';
import { notYetRunWords } from '../snippets/lab/platform.ts';
import { formatScenario } from './table.ts';
import { SIGNAL_EXIT } from './signals.ts';
import { whyUnwritable } from './writable.ts';

const usage = `usage: npm run observe -- [id or transport …] [--node X.Y.Z] [--repetitions N] [--timeout MS] [--jobs N] [--json] [--out FILE] [--report FILE --contributor NAME] [--quiet] [--verbose]`;

/** Upper bounds of the numeric options: beyond them a run would take days or all the memory. */
const LIMITS = { repetitions: 10_000, timeout: 600_000, jobs: MAX_WORKERS };

function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

/** A whole number from 1 to `max`, or a usage error naming the option. */
function bounded(name: keyof typeof LIMITS, text: string, unit = 'a whole number'): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > LIMITS[name]) fail(2, `--${name} takes ${unit} from 1 to ${LIMITS[name]}, not '${text}'`);
  return n;
}

/** Fails at once, naming the option and the file, unless `file` can be written (tried with a file beside it). */
function checkWritable(option: string, file: string): void {
  try {
    const dir = dirname(file);
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
    mkdirSync(dir, { recursive: true });
    if (existsSync(file) && !statSync(file).isFile()) throw new Error(`${file} is not a plain file`);
    const probe = `${file}.${process.pid}.tmp`;
    writeFileSync(probe, '', { flag: 'wx' });
    rmSync(probe);
  } catch (e) {
    fail(2, `${option} ${file}: cannot write there (${whyUnwritable(file, e)})`);
  }
}

/** Writes `file` whole or not at all: a temporary file beside it, renamed over it. */
function writeAtomically(option: string, file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new Error(`${option} ${file}: could not write it (${whyUnwritable(file, e)})`);
  }
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      repetitions: { type: 'string', short: 'n', default: '20' },
      timeout: { type: 'string', default: '5000' },
      jobs: { type: 'string', short: 'j' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      report: { type: 'string' },
      contributor: { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
      'if-missing': { type: 'boolean', default: false },
      snippets: { type: 'string' },
      node: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (e) {
  fail(2, `${(e as Error).message.split('\n').join(' ')}\n${usage}`);
}
const { values: opts, positionals } = args;
if (opts.help) fail(0, usage);
if (opts['if-missing'] && opts.out && existsSync(opts.out)) process.exit(0);

// Anything unexpected is one line naming what failed; the stack only with --verbose.
const unexpected = (e: unknown) => {
  console.error(`✗ observe: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  if (opts.verbose && e instanceof Error) console.error(e.stack);
  process.exit(1);
};
process.on('uncaughtException', unexpected);
process.on('unhandledRejection', unexpected);
// A reader that goes away (`observe --json | head -1`) took what it wanted: the output stops
// there, the summary still goes to stderr, and the exit code is still the observation's.
let readerGone = false;
process.stdout.on('error', () => (readerGone = true));

// Ctrl-C, TERM, HUP (the terminal closed) or QUIT stops the workers and removes what they made;
// then one line says what was stopped.
const stop = new AbortController();
let stoppedBy: NodeJS.Signals | undefined;
for (const sig of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
  process.on(sig, () => {
    if (stoppedBy) return; // already cleaning up, which is bounded
    stoppedBy = sig;
    stop.abort();
  });
}

const repetitions = bounded('repetitions', opts.repetitions);
const timeoutMs = bounded('timeout', opts.timeout, 'a whole number of milliseconds');
// Without --jobs: as many as observe/jobs.ts finds best (a core each, and one per slow run).
const parallel = opts.jobs === undefined ? undefined : bounded('jobs', opts.jobs);

// CLOSING_TIME_SNIPPETS lets a test run the real build against a copy of the snippets.
const dirOption = opts.snippets ?? process.env.CLOSING_TIME_SNIPPETS;
const dir = dirOption ? resolve(dirOption) : snippetsDir;
if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  fail(2, `${opts.snippets !== undefined ? '--snippets' : 'CLOSING_TIME_SNIPPETS'} ${dirOption}: no such folder`);
}
// --node X.Y.Z: the workers run on that Node release (fetched once from the npm registry into a
// cache); without ids, it observes the Node.js lens (node/*), the scenarios a release can change.
let node: NodeRelease | undefined;
if (opts.node !== undefined) {
  let releases: string[] = [];
  try {
    releases = parseReleaseList(opts.node);
  } catch (e) {
    fail(2, (e as Error).message);
  }
  if (releases.length !== 1) fail(2, `--node takes one release here, not ${releases.length} (npm run build -- --node … takes several)`);
  try {
    const bin = nodeBinary(releases[0], (line) => console.error(`… ${line}`));
    node = { bin, ...versionsOf(bin) };
  } catch (e) {
    fail(1, `✗ ${(e as Error).message}`);
  }
}
const known = scenarioIds(dir);
// The Python and Ruby programs (snippets/python, snippets/ruby) are chosen the same way: all of them
// with the whole catalogue, `python` or `ruby/sigpipe` by name.
const programs = programIds(dir);
const everything = [...known, ...programs];
const chosen = new Set<string>();
const chosenPrograms = new Set<string>();
for (const wanted of positionals.length ? positionals : node ? ['node'] : everything) {
  const name = wanted.replace(/^snippets\//, '').replace(/\.(ts|py|rb)$/, '').replace(/\/$/, '');
  const matches = everything.filter((id) => id === name || id.startsWith(name + '/'));
  if (!matches.length) {
    fail(2, `unknown scenario '${wanted}'; closest known: ${closestIds(name, everything).join(', ')}`);
  }
  for (const id of matches) (programs.includes(id) ? chosenPrograms : chosen).add(id);
}
if (node && chosenPrograms.size) fail(2, `--node observes the Node.js lens; ${[...chosenPrograms][0]} is a ${[...chosenPrograms][0].split('/')[0]} program`);
for (const id of chosen) {
  if (!ID_PATTERN.test(id)) fail(1, `✗ ${relative(process.cwd(), join(dir, `${id}.ts`))}: '${id}' is not a scenario id (transport/situation, in lowercase letters, digits and '-')`);
}
for (const id of chosenPrograms) {
  if (!ID_PATTERN.test(id)) fail(1, `✗ ${relative(process.cwd(), programFile(id, dir))}: '${id}' is not a program id (runtime/situation, in lowercase letters, digits and '-')`);
}

// The build (--out) also checks what the site will read besides: the reports contributed from
// other systems, and the ids the chapters place (a misspelt one fails here, in one line).
// A report for the site, from another system: who made it is part of it.
if (opts.report !== undefined) {
  if (!opts.contributor?.trim()) fail(2, '--report needs --contributor "your name": the site credits every report');
  const nameError = contributorError(opts.contributor.trim());
  if (nameError) fail(2, `--contributor ${JSON.stringify(opts.contributor)}: ${nameError}`);
  checkWritable('--report', opts.report);
}
if (opts.out) {
  checkWritable('--out', opts.out);
  try {
    loadReports(undefined, undefined, known);
  } catch (e) {
    fail(1, `✗ ${(e as Error).message}`);
  }
  const wrong = misplaced(everything);
  if (wrong.length) fail(1, wrong.map((w) => `✗ ${w}`).join('\n'));
}

const untried = notYetRunWords(process.platform);
if (untried) console.error(`the lab on ${process.platform} is ${untried}: a contradicted claim here may be the lab's mistake as much as the kernel's answer`);
let outcome;
try {
  outcome = await observe(
    [...chosen].map((id) => ({ id, file: join(dir, `${id}.ts`) })),
    { repetitions, timeoutMs, parallel, signal: stop.signal, node, programs: [...chosenPrograms], programsDir: dir },
  );
} catch (e) {
  if (e instanceof CanaryFailed) fail(1, `✗ ${e.message}`);
  throw e;
}
const { observations, failures } = outcome;
if (stoppedBy) {
  const what = outcome.interrupted?.length ? `while observing ${outcome.interrupted.join(', ')}` : 'before any scenario ran';
  fail(SIGNAL_EXIT[stoppedBy], `interrupted by ${stoppedBy} ${what}; nothing was written`);
}

// Written only when every claim held, so a failed observation never replaces good ones.
if (opts.out && failures.length === 0) writeAtomically('--out', opts.out, JSON.stringify(observations, null, 2) + '\n');
// A report is written whatever its claims say: what another system does is the point of it.
if (opts.report !== undefined) {
  const report = { ...observations, provenance: { ...observations.provenance, contributor: opts.contributor!.trim() } };
  writeAtomically('--report', opts.report, JSON.stringify(report, null, 2) + '\n');
  console.error(`wrote ${opts.report}: ${report.scenarios.length} scenario(s), credited to ${report.provenance.contributor}`);
}
if (opts.json) {
  // Into a pipe the output may go in pieces: exit only once all of it is written (with packet
  // captures it is a few hundred kilobytes, and process.exit() would cut it short).
  await new Promise<void>((resolve) => process.stdout.write(JSON.stringify(observations, null, 2) + '\n', () => resolve()));
} else if (!opts.quiet) {
  for (const s of [...observations.scenarios, ...(observations.programs ?? [])]) console.log(formatScenario(s, observations.provenance.os, repetitions));
}
const observedAll = [...observations.scenarios, ...(observations.programs ?? [])];
const calls = observedAll.flatMap((s) => s.variants?.flatMap((v) => v.calls) ?? s.calls);
const agree = calls.filter((c) => c.verdict === 'agrees').length + calls.filter((c) => c.wireVerdict === 'agrees').length;
const contradict = calls.filter((c) => c.verdict === 'contradicts').length + calls.filter((c) => c.wireVerdict === 'contradicts').length;
const p = observations.provenance;
console.error(
  `observed ${observations.scenarios.length} of ${chosen.size} scenario(s) × ${repetitions}` +
    (chosenPrograms.size ? ` and ${observations.programs?.filter((x) => !x.skipped).length ?? 0} of ${chosenPrograms.size} program(s)` : '') +
    ` on ${p.os} ${p.release}, node ${p.node}` +
    (p.runtimes?.length ? `, ${p.runtimes.map((r) => (r.version ? `${r.name} ${r.version}` : `${r.name} missing`)).join(', ')}` : '') +
    `, in ${(outcome.elapsedMs / 1000).toFixed(2)} s: ${agree} claim(s) agree, ${contradict} contradict`,
);
for (const f of failures) console.error(`✗ ${f}`);
// Exit once stdout has taken everything: into a pipe, a long --json may still be on its way, and
// process.exit() would cut it short.
if (readerGone) process.exit(failures.length ? 1 : 0);
process.stdout.write('', () => process.exit(failures.length ? 1 : 0));
