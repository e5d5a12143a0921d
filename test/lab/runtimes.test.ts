// The other runtimes' lens without running them: the `#` grammar of Python and Ruby programs, how a
// claimed line is wrapped for the recorder (same line, same number), what each line's code is
// counted as, and how a missing runtime is found and said.
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRuntimes, instrument, kindOfCode, programIds, RUNTIMES } from '../../observe/runtimes.ts';
import { codeOf, parseSnippet, valueError } from '../../snippets/lab/syntax.ts';

const python = RUNTIMES.find((r) => r.name === 'python')!;
const ruby = RUNTIMES.find((r) => r.name === 'ruby')!;

describe('a program in Python or Ruby, in the one grammar', () => {
  const py = ['# title: B closes; A reads', 'import socket', '', 'a, b = socket.socketpair()', 'b.close()', 'data = a.recv(5)  #=> linux: b\'\'', 'a.send(b"x")  #=> linux: raises BrokenPipeError EPIPE'].join('\n');
  it('reads `# title:` and `#=>` claims, by line', () => {
    const s = parseSnippet(py, 'snippets/python/x.py');
    expect(s.title).toBe('B closes; A reads');
    expect([...s.claims.entries()]).toEqual([[6, { linux: ["b''"] }], [7, { linux: ['raises BrokenPipeError EPIPE'] }]]);
  });
  it('fails a misspelt errno in a raised exception, naming file and line', () => {
    expect(() => parseSnippet(py.replace('EPIPE', 'EPIPPE'), 'snippets/python/x.py')).toThrow(/^snippets\/python\/x\.py:7:\d+: linux: 'EPIPPE' is not an errno name/);
  });
  it('asks a Python or Ruby program for `# title:`, in its own comment', () => {
    expect(() => parseSnippet('import socket\n', 'snippets/ruby/x.rb')).toThrow("snippets/ruby/x.rb:1:1: a snippet starts with '# title: …'");
  });
  it('leaves a TypeScript snippet to `//`: a `#=>` there is no claim', () => {
    expect(() => parseSnippet("// title: t\na.read();  #=> linux: 0\n", 'snippets/tcp/x.ts')).toThrow(/claims nothing/);
  });
  it.each(["b''", "b'world'", '""', '"world"', 'None', 'nil', 'True', ':wait_readable', 'raises EOFError', 'raises Errno::ECONNRESET ECONNRESET', 'raises IO::EAGAINWaitReadable EAGAIN', 'raises TimeoutError', 'killed SIGPIPE'])(
    'accepts %s as a result',
    (v) => expect(valueError(v)).toBeUndefined(),
  );
  it.each([['raises ConnectionResetError ECONNRESETT', 'not an errno name'], ['raises connection reset', 'is not a result'], ["b'unclosed", 'is not a result']])('rejects %s', (v, why) => expect(valueError(v)).toContain(why));
});

describe('instrument: each claimed line wrapped for the recorder, on its own line', () => {
  const source = ['# title: t', 'import socket', 'a, b = socket.socketpair()', '    data = a.recv(5)  #=> linux: b\'\'', 'a.send(b"x")  #=> linux: 1', 'x == y  #=> linux: True'].join('\n');
  const snippet = parseSnippet(source, 'snippets/python/t.py');
  it('keeps an assignment outside, the indentation and the line count', () => {
    const out = instrument(source, snippet, python, 'snippets/python/t.py').split('\n');
    expect(out).toHaveLength(6);
    expect(out[2]).toBe('a, b = socket.socketpair()');
    expect(out[3]).toBe("    data = __record(4, lambda: a.recv(5))");
    expect(out[4]).toBe('__record(5, lambda: a.send(b"x"))');
    expect(out[5]).toBe('__record(6, lambda: x == y)');
  });
  it('wraps a Ruby line in a block', () => {
    const rb = "# title: t\nc.read  #=> linux: \"\"\n";
    expect(instrument(rb, parseSnippet(rb, 'snippets/ruby/t.rb'), ruby, 'snippets/ruby/t.rb').split('\n')[1]).toBe('__record(2) { c.read }');
  });
  it('shows the code without its claim', () => {
    expect(codeOf("a.recv(5)  #=> linux: b''", '#=>')).toBe('a.recv(5)');
  });
});

describe('kindOfCode', () => {
  it.each([
    ['a.recv(5)', 'read'], ['a.readpartial(5)', 'read'], ['a.read_nonblock(5, exception: false)', 'read'], ['c.read', 'read'],
    ['a.sendall(b"x")', 'write'], ['c.write("world")', 'write'], ["TCPSocket.new('127.0.0.1', 1)", 'connect'], ['socket.create_connection(x)', 'connect'],
    ['signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN', 'event'],
  ])('%s is a %s', (code, kind) => expect(kindOfCode(code)).toBe(kind));
});

describe('findRuntimes: what this machine has, or why not', () => {
  it('says a runtime named by its override is not installed when the file is not there', () => {
    const ruby = findRuntimes({ ...process.env, CLOSING_TIME_RUBY: '/nonexistent/ruby' }).find((r) => r.name === 'ruby')!;
    expect(ruby).toEqual({ name: 'ruby', missing: 'ruby not installed (CLOSING_TIME_RUBY=/nonexistent/ruby is not an executable file)' });
  });
  it('says so when PATH has none', () => {
    const found = findRuntimes({ PATH: '/nonexistent' });
    expect(found.map((r) => r.missing)).toEqual(['python not installed (no python3 on PATH)', 'ruby not installed (no ruby on PATH)']);
  });
  it('says so when the interpreter cannot give its version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-runtime-'));
    try {
      const fake = join(dir, 'ruby');
      writeFileSync(fake, '#!/bin/sh\necho broken >&2\nexit 3\n');
      chmodSync(fake, 0o755);
      const ruby = findRuntimes({ PATH: process.env.PATH, CLOSING_TIME_RUBY: fake }).find((r) => r.name === 'ruby')!;
      expect(ruby.missing).toBe(`ruby did not say its version (${fake} exited 3: broken)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('finds the programs by runtime', () => {
    const ids = programIds();
    expect(ids.filter((i) => i.startsWith('python/')).length).toBeGreaterThan(10);
    expect(ids).toContain('ruby/question-example-1');
  });
});
