// Bad input, from a clumsy contributor or a hostile user: each gives one line naming the option,
// file or path at fault (no stack trace unless --verbose), a non-zero exit, and nothing half done.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { dirtyTree, provenance } from '../../observe/provenance.ts';
import { parseObservations } from '../../observe/schema.ts';
import { occurrences, outcomesFound } from '../../site/answer/outcomes.ts';
import { release } from 'node:os';
import { observeBounded as observeCli, stackLines } from '../helpers/faults.ts';
import { scratchDir } from '../helpers/scratch.ts';

const scratch = scratchDir('closing-time-inputs-');
const FINE = ['--snippets', 'test/fixtures/snippets', 'fixture/fine', '-n', '1'];
/** One real scenario: with --out, observe also checks the chapters' placements against the real snippets. */
const ONE = ['tcp/peer-closed-then-read', '-n', '1'];

/** Runs observe and expects exactly one line on stderr, matching `line`, and exit `code`. */
function expectOneLine(args: string[], code: number, line: string | RegExp, env: Record<string, string> = {}) {
  const run = observeCli(args, env);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  if (typeof line === 'string') expect(lines[0]).toBe(line);
  else expect(lines[0]).toMatch(line);
  expect(run.code, run.stderr).toBe(code);
  expect(stackLines(run.stdout + run.stderr)).toEqual([]);
  return run;
}

it.each([
  ['--timeout', '1e12', 'a whole number of milliseconds from 1 to 600000'],
  ['--timeout', '0', 'a whole number of milliseconds from 1 to 600000'],
  ['--repetitions', '1e9', 'a whole number from 1 to 10000'],
  ['--repetitions', 'many', 'a whole number from 1 to 10000'],
  ['--jobs', '100000', 'a whole number from 1 to 64'],
  ['--jobs', '-1', 'a whole number from 1 to 64'],
])('%s %s is refused in one line, as --option=value and as --option value', (option, value, what) => {
  // A value starting with a dash can only be given as --option=value (parseArgs takes `-1` for an option).
  const forms = value.startsWith('-') ? [[`${option}=${value}`]] : [[`${option}=${value}`], [option, value]];
  for (const given of forms) expectOneLine([...FINE, ...given], 2, `${option} takes ${what}, not '${value}'`);
});

it('--jobs -1 (a value parseArgs takes for an option) is refused in one line that says how to give it, then the usage line', () => {
  const run = observeCli([...FINE, '--jobs', '-1']);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(2);
  expect(lines[0]).toMatch(/^Option '--jobs' argument is ambiguous\..*'--jobs=-XYZ'\.$/);
  expect(lines[1]).toMatch(/^usage: npm run observe -- /);
  expect(run.code).toBe(2);
});

it('a missing --snippets folder is one line naming it', () => {
  expectOneLine(['--snippets', '/no/such/folder'], 2, '--snippets /no/such/folder: no such folder');
});

it('a TMPDIR that does not exist is one line naming it, exit 1', () => {
  expectOneLine(FINE, 1, /^✗ observe: cannot make a temporary directory in \/no\/such\/tmp \(TMPDIR\): ENOENT$/, { TMPDIR: '/no/such/tmp' });
});

it('an --out that cannot be written fails at once, before anything is observed', () => {
  const started = performance.now();
  expectOneLine(['--out', '/etc/passwd/x.json', ...FINE], 2, '--out /etc/passwd/x.json: cannot write there (/etc/passwd is not a folder)');
  expect(performance.now() - started).toBeLessThan(10_000);
});

it('--out is replaced whole (a new file renamed over the old one), with no temporary file left', () => {
  const dir = join(scratch(), 'out');
  const out = join(dir, 'observations.json');
  mkdirSync(dir, { recursive: true });
  writeFileSync(out, 'the previous observations\n');
  const previous = statSync(out).ino;
  const run = observeCli(['-q', '--out', out, ...ONE], { CLOSING_TIME_REPORTS: join(scratch(), 'none') });
  expect(run.code, run.stderr).toBe(0);
  expect(readdirSync(dir)).toEqual(['observations.json']);
  // Written in place, a reader could see it half written; renamed over, the old file stays whole.
  expect(statSync(out).ino).not.toBe(previous);
  expect(JSON.parse(readFileSync(out, 'utf8')).scenarios).toHaveLength(1);
});

it('a snippet whose id breaks the contract is refused when observe starts, naming the file', () => {
  const dir = join(scratch(), 'bad-id');
  mkdirSync(join(dir, 'zz'), { recursive: true });
  writeFileSync(join(dir, 'zz/Bad_Id.ts'), '// title: a bad id\n');
  expectOneLine(['--snippets', dir], 1, `✗ ${relative(projectRoot, join(dir, 'zz/Bad_Id.ts'))}: 'zz/Bad_Id' is not a scenario id (transport/situation, in lowercase letters, digits and '-')`);
});

/** A folder of reports with one `name` in it, made by `make`; the build's check of reports runs on it. */
function reportsWith(name: string, make: (path: string) => void) {
  const dir = mkdtempSync(join(scratch(), 'reports-'));
  make(join(dir, name));
  return { dir, file: relative(projectRoot, join(dir, name)) };
}
/** observe as the build runs it (--out), which checks the reports first. */
const buildCheck = () => ['-q', '--out', join(scratch(), 'o', 'observations.json'), ...ONE];
const REPORT = {
  schema: 1,
  provenance: { os: 'darwin', release: '24.1.0', arch: 'arm64', node: 'v24.0.0', libuv: '1.50.0', commit: 'abc', observedAt: '2026-01-01T00:00:00Z', repetitions: 20 },
  scenarios: [] as object[],
};

it('a report that is a symbolic link is refused by name, without reading its target', () => {
  const secret = join(scratch(), 'secret.txt');
  writeFileSync(secret, 'TOP-SECRET-BYTES');
  const { dir, file } = reportsWith('darwin.json', (p) => symlinkSync(secret, p));
  const run = expectOneLine(buildCheck(), 1, `✗ ${file}: is a symbolic link; a report must be a plain file`, { CLOSING_TIME_REPORTS: dir });
  expect(run.stderr).not.toContain('TOP-SECRET');
});

it('a report that is a folder is refused by name', () => {
  const { dir, file } = reportsWith('darwin.json', (p) => mkdirSync(p));
  expectOneLine(buildCheck(), 1, `✗ ${file}: is not a plain file; a report must be one`, { CLOSING_TIME_REPORTS: dir });
});

it('a report over the size cap is refused by name, without being parsed', () => {
  const { dir, file } = reportsWith('darwin.json', (p) => writeFileSync(p, ' '.repeat(5 * 1024 * 1024 + 1)));
  expectOneLine(buildCheck(), 1, `✗ ${file}: 5242881 bytes, over the 5242880-byte cap for a report`, { CLOSING_TIME_REPORTS: dir });
});

it('a report of a scenario that does not exist names the file and the id', () => {
  const report = { ...REPORT, scenarios: [{ id: 'tcp/no-such-thing', title: 't', file: 'snippets/tcp/no-such-thing.ts', stable: true, calls: [] }] };
  const { dir, file } = reportsWith('darwin.json', (p) => writeFileSync(p, JSON.stringify(report)));
  expectOneLine(
    ['-q', '--out', join(scratch(), 'o', 'observations.json')],
    1,
    `✗ ${file}: $.scenarios[0].id: no scenario 'tcp/no-such-thing' in snippets/`,
    { CLOSING_TIME_REPORTS: dir },
  );
});

it('a changed tracked file, or a new file under snippets/, makes the commit -dirty; other new files do not', () => {
  expect(dirtyTree(' M observe/run.ts\n')).toBe(true);
  expect(dirtyTree('?? snippets/tcp/new-scenario.ts\n')).toBe(true);
  expect(dirtyTree('?? notes.txt\n')).toBe(false);
  expect(dirtyTree('')).toBe(false);
  // And in a real repository (a scratch one: the checkout is never written to): a new file under snippets/ is seen.
  const repo = join(scratch(), 'repo');
  mkdirSync(join(repo, 'snippets'), { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, stdio: 'ignore' });
  git('init', '-q');
  writeFileSync(join(repo, 'README.md'), 'x\n');
  git('add', '.');
  git('commit', '-qm', 'x');
  expect(provenance(1, undefined, repo).commit).toMatch(/^[0-9a-f]{12}$/);
  writeFileSync(join(repo, 'notes.txt'), 'not committed\n');
  expect(provenance(1, undefined, repo).commit).toMatch(/^[0-9a-f]{12}$/);
  writeFileSync(join(repo, 'snippets', 'new.ts'), 'not committed\n');
  expect(provenance(1, undefined, repo).commit).toMatch(/^[0-9a-f]{12}-dirty$/);
});

it('--verbose adds the stack to an unexpected error, and only then', () => {
  const env = { TMPDIR: '/no/such/tmp' };
  expect(stackLines(observeCli(FINE, env).stderr)).toEqual([]);
  expect(stackLines(observeCli(['--verbose', ...FINE], env).stderr).length).toBeGreaterThan(0);
});

it('a long --json read through a pipe arrives whole (observe waits for stdout before it exits)', () => {
  const run = observeCli(['--json', '-n', '5', 'tcp', 'unix-stream', 'unix-dgram', 'unix-seqpacket']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout.length).toBeGreaterThan(128 * 1024);
  expect(() => JSON.parse(run.stdout)).not.toThrow();
});

it('observe --json | head -1: the reader gets its line, the summary still goes to stderr, and the exit code is the observation\'s', () => {
  const r = spawnSync('bash', ['-c', `"${process.execPath}" observe/cli.ts --json -n 1 tcp | head -1; echo "exit \${PIPESTATUS[0]}" >&2`], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });
  expect(r.stdout).toBe('{\n');
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toEqual([expect.stringMatching(/^observed (\d+) of \1 scenario\(s\) × 1 on linux .*, 0 contradict$/), 'exit 0']);
});

/** Runs observe/snippet.ts on `arg` (bounded), with CLOSING_TIME_SNIPPETS when given. */
function snippetRun(arg: string, snippets?: string) {
  const r = spawnSync(process.execPath, [join(projectRoot, 'observe/snippet.ts'), arg], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 10_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, ...(snippets ? { CLOSING_TIME_SNIPPETS: snippets } : {}) },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

it.each([
  ['a device (/dev/zero, which never ends)', () => '/dev/zero', 'is not a plain file; a snippet must be one'],
  ['a FIFO (which blocks)', () => {
    const fifo = join(scratch(), 'fifo.ts');
    spawnSync('mkfifo', [fifo]);
    return fifo;
  }, 'is not a plain file; a snippet must be one'],
  ['a folder', () => 'snippets/tcp', 'is not a plain file; a snippet must be one'],
  ['a .ts file outside snippets/', () => {
    const file = join(scratch(), 'outside.ts');
    writeFileSync(file, "// title: outside\nimport { socketpair } from '../snippets/lab/index.ts';\n");
    return file;
  }, 'is not in snippets/'],
])('observe/snippet.ts refuses %s in one line, exit 2, without reading it', (_, make, why) => {
  const arg = make();
  const r = snippetRun(arg);
  expect(r.stderr.trim(), r.stderr).toBe(`${arg}: ${why}`);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
});

/** A snippets folder whose tcp/leak.ts is a link to a file outside the tree. */
function snippetsWithLink(): { dir: string; link: string } {
  const secret = join(scratch(), 'secret-outside.ts');
  writeFileSync(secret, '// title: TOP-SECRET-BYTES\n');
  const dir = mkdtempSync(join(scratch(), 'snippets-'));
  mkdirSync(join(dir, 'tcp'));
  symlinkSync(secret, join(dir, 'tcp/leak.ts'));
  return { dir, link: join(dir, 'tcp/leak.ts') };
}

it('a snippet that is a symbolic link to a file outside the tree is refused, naming the link, and its target is not read', () => {
  const { dir, link } = snippetsWithLink();
  const run = expectOneLine(['--snippets', dir], 1, `✗ observe: ${relative(projectRoot, link)}: is a symbolic link; a snippet must be a plain file in the tree`);
  expect(run.stdout + run.stderr).not.toContain('TOP-SECRET');
  const alone = snippetRun(link, dir);
  expect(alone.stderr.trim()).toBe(`${link}: is a symbolic link; a snippet must be a plain file in the tree`);
  expect(alone.code).toBe(2);
});

it('a checkout without a .git of its own, inside another repository, records no commit (not the outer one\'s)', () => {
  const outer = mkdtempSync(join(scratch(), 'outer-'));
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: outer, encoding: 'utf8' });
  git('init', '-q');
  writeFileSync(join(outer, 'x'), 'x');
  git('add', 'x');
  git('commit', '-qm', 'outer');
  const inner = join(outer, 'closing-time');
  mkdirSync(inner);
  expect(git('rev-parse', 'HEAD').status).toBe(0);
  expect(provenance(1, undefined, inner).commit).toBe('unknown');
  expect(provenance(1).commit).toMatch(/^[0-9a-f]{12}(-dirty)?$/);
});

/** A scenario record a report may hold, for a real id. */
const RECORD = { id: 'tcp/peer-closed-then-read', title: 't', file: 'snippets/tcp/peer-closed-then-read.ts', stable: true, calls: [] };

it.each([
  ['only spaces', '   ', "names no one: it needs a letter or a digit"],
  ['a right-to-left override', 'Ada \u202Eecnerol', 'contains an invisible or direction-changing character (U+202E)'],
  ['zero-width characters only', '\u200B\u200D', 'contains an invisible or direction-changing character (U+200B)'],
])('a report whose contributor is %s is refused, naming the file and the JSON path', (_, name, why) => {
  const report = { ...REPORT, provenance: { ...REPORT.provenance, contributor: name } };
  const { dir, file } = reportsWith('darwin.json', (p) => writeFileSync(p, JSON.stringify(report)));
  expectOneLine(buildCheck(), 1, `✗ ${file}: $.provenance.contributor: the contributor's name ${why}`, { CLOSING_TIME_REPORTS: dir });
});

it('--contributor with a right-to-left override is refused in one line, exit 2, before anything is observed', () => {
  expectOneLine(['--report', join(scratch(), 'r.json'), '--contributor', 'Ada \u202Eecnerol', ...FINE], 2, `--contributor "Ada \u202Eecnerol": contains an invisible or direction-changing character (U+202E)`);
});

it('a report claiming the very system this build runs on is refused: that is observed here, not reported', () => {
  const report = { ...REPORT, provenance: { ...REPORT.provenance, os: process.platform, release: release(), contributor: 'Ada' } };
  const { dir, file } = reportsWith('linux.json', (p) => writeFileSync(p, JSON.stringify(report)));
  expectOneLine(buildCheck(), 1, `✗ ${file}: $.provenance: ${process.platform} ${release()} is the system this build runs on; what it does is observed here, not reported`, { CLOSING_TIME_REPORTS: dir });
});

it('a report with the same id twice is refused, naming both places', () => {
  const report = { ...REPORT, provenance: { ...REPORT.provenance, contributor: 'Ada' }, scenarios: [RECORD, { ...RECORD, title: 'again' }] };
  const { dir, file } = reportsWith('darwin.json', (p) => writeFileSync(p, JSON.stringify(report)));
  expectOneLine(buildCheck(), 1, `✗ ${file}: $.scenarios[1].id: 'tcp/peer-closed-then-read' again (first at $.scenarios[0])`, { CLOSING_TIME_REPORTS: dir });
});

it('a report named *.JSON is refused by name, not silently ignored', () => {
  const report = { ...REPORT, provenance: { ...REPORT.provenance, contributor: 'Ada' } };
  const { dir, file } = reportsWith('darwin.JSON', (p) => writeFileSync(p, JSON.stringify(report)));
  expectOneLine(buildCheck(), 1, `✗ ${file}: a report's name ends in '.json', in lowercase`, { CLOSING_TIME_REPORTS: dir });
});

it('a value only a report gives (EACCES) makes no outcome, so no errno page, of its own; one this build observed keeps the report\'s rows', () => {
  const answer = join(projectRoot, 'test/fixtures/answer');
  const observed = parseObservations(readFileSync(join(answer, 'observed.json'), 'utf8'), 'observed.json');
  const darwin = parseObservations(readFileSync(join(answer, 'report-darwin.json'), 'utf8'), 'report-darwin.json');
  const scenario = darwin.scenarios[0];
  const odd = { ...darwin, scenarios: [{ ...scenario, calls: scenario.calls.map((c, i) => (i === 0 ? { ...c, result: 'EACCES' } : c)) }] };
  const all = occurrences(observed, [{ file: 'reports/darwin.json', observations: odd }]);
  expect(all.some((o) => o.outcome === 'eacces' && o.how === 'reported')).toBe(true);
  const found = outcomesFound(all, []);
  expect(found.map((f) => f.slug)).not.toContain('eacces');
  expect(found.flatMap((f) => f.occurrences).some((o) => o.how === 'reported')).toBe(true);
});
