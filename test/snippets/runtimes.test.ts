// The Python and Ruby programs: their claims against the catalogue's one live run (observe --json
// observes them beside the scenarios), and observePrograms on copies made to fail: a flipped claim,
// a program that hangs, a runtime that is missing.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { projectRoot, snippetsDir } from '../../observe/catalogue.ts';
import { findRuntimes, observePrograms, programIds } from '../../observe/runtimes.ts';

const run = inject('catalogue');
const observed = run.observations;
const ids = programIds();
const found = findRuntimes();

describe('the runtimes, in the catalogue run', () => {
  it('records each runtime with its exact version, or why it is missing', () => {
    expect(observed?.provenance.runtimes?.map((r) => r.name)).toEqual(['python', 'ruby']);
    for (const r of observed!.provenance.runtimes!) {
      const here = found.find((f) => f.name === r.name)!;
      expect(r.version ?? r.missing).toBe(here.version ?? here.missing);
    }
  });
  it('observes every program there is, or says why not', () => {
    expect(observed?.programs?.map((p) => p.id)).toEqual(ids);
  });
});

describe.each(ids)('%s', (id) => {
  it('has a claim on every call, and every claim holds; a missing runtime says so', () => {
    const p = observed?.programs?.find((x) => x.id === id);
    expect(p, `${id} was not observed: ${run.stderr.split('\n').find((l) => l.startsWith(`✗ ${id}`)) ?? ''}`).toBeDefined();
    const runtime = observed!.provenance.runtimes!.find((r) => id.startsWith(`${r.name}/`))!;
    if (runtime.missing !== undefined) {
      expect(p!.skipped).toBe(runtime.missing);
      return;
    }
    expect(p!.stable).toBe(true);
    expect(p!.calls.length).toBeGreaterThan(0);
    for (const c of p!.calls) expect(c.verdict, `${p!.file}:${c.line} ${c.code} observed ${c.result}`).toBe('agrees');
  });
});

describe('observePrograms on programs made to fail', () => {
  const work = mkdtempSync(join(tmpdir(), 'ct-programs-'));
  const dir = join(work, 'snippets');
  const tmp = join(work, 'tmp');
  mkdirSync(join(dir, 'python'), { recursive: true });
  mkdirSync(join(dir, 'ruby'), { recursive: true });
  mkdirSync(tmp);
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const options = { repetitions: 2, timeoutMs: 5000, tmp, parallel: 2, dir };
  const python = found.find((r) => r.name === 'python')!;
  const ruby = found.find((r) => r.name === 'ruby')!;

  it.skipIf(python.missing !== undefined)('fails a flipped claim, naming the file, the line, the claim and what was observed', async () => {
    const text = readFileSync(join(snippetsDir, 'python/unix-peer-closed-unread-then-read.py'), 'utf8');
    writeFileSync(join(dir, 'python/flipped.py'), text.replace("a.recv(5)  #=> linux: raises ConnectionResetError ECONNRESET", "a.recv(5)  #=> linux: b''"));
    const out = await observePrograms(['python/flipped'], options);
    const file = relative(projectRoot, join(dir, 'python/flipped.py'));
    expect(out.failures).toEqual([`python/flipped (${file}:7) a.recv(5): claims linux: b'', observed raises ConnectionResetError ECONNRESET`]);
  });
  it.skipIf(ruby.missing !== undefined)('fails a flipped Ruby claim the same way', async () => {
    const text = readFileSync(join(snippetsDir, 'ruby/question-example-3.rb'), 'utf8');
    writeFileSync(join(dir, 'ruby/flipped.rb'), text.replace('raises Errno::EPIPE EPIPE', 'raises Errno::ECONNRESET ECONNRESET'));
    const out = await observePrograms(['ruby/flipped'], options);
    expect(out.failures).toHaveLength(1);
    expect(out.failures[0]).toMatch(/^ruby\/flipped \(.*flipped\.rb:7\) a\.write\("world"\): claims linux: raises Errno::ECONNRESET ECONNRESET, observed raises Errno::EPIPE EPIPE$/);
  });
  // 3 s: long enough for the interpreter to reach the line on a loaded machine (starting one took up to 1.3 s at load 28).
  it.skipIf(python.missing !== undefined)('stops a program that hangs, naming the line it was stuck on', async () => {
    writeFileSync(join(dir, 'python/hangs.py'), "# title: A reads what never comes\nimport socket\n\na, b = socket.socketpair()\na.recv(5)  #=> linux: b''\n");
    const out = await observePrograms(['python/hangs'], { ...options, timeoutMs: 3000 });
    expect(out.failures).toEqual([`python/hangs (${relative(projectRoot, join(dir, 'python/hangs.py'))}): still running after 3000 ms without progress, in ${relative(projectRoot, join(dir, 'python/hangs.py'))}:5 a.recv(5)`]);
  });
  it('shows a missing Ruby as not observed, with why, and still observes Python', async () => {
    copyFileSync(join(snippetsDir, 'ruby/question-example-1.rb'), join(dir, 'ruby/question-example-1.rb'));
    copyFileSync(join(snippetsDir, 'python/unix-would-block.py'), join(dir, 'python/unix-would-block.py'));
    const out = await observePrograms(['python/unix-would-block', 'ruby/question-example-1'], { ...options, env: { ...process.env, CLOSING_TIME_RUBY: '/nonexistent/ruby' } });
    expect(out.failures).toEqual([]);
    expect(out.runtimes.find((r) => r.name === 'ruby')).toEqual({ name: 'ruby', missing: 'ruby not installed (CLOSING_TIME_RUBY=/nonexistent/ruby is not an executable file)' });
    expect(out.programs.map((p) => [p.id, p.skipped ?? p.calls.length])).toEqual([
      ['python/unix-would-block', python.missing ?? 2],
      ['ruby/question-example-1', 'ruby not installed (CLOSING_TIME_RUBY=/nonexistent/ruby is not an executable file)'],
    ]);
  });
  it('leaves nothing behind in its folder but the folders it made for each run, empty', () => {
    for (const d of readdirSync(tmp)) expect(readdirSync(join(tmp, d)), d).toEqual([]);
  });
});
