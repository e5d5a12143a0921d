// The rows of the translation table ("Your language"): each outcome the site shows, and for each
// column (the system call, Node.js, Python, Ruby) the program that shows it and the call whose result
// fills the cell, by its code as written (`nth` when the same code appears more than once). As in
// matrix-rows.ts, only this mapping is typed here: every value comes from the observations.
import type { Decisive, NotApplicable } from './matrix-rows.ts';

/** A column of the translation table. */
export interface Language {
  key: 'c' | 'node' | 'python' | 'ruby';
  label: string;
}

/** The columns, in order: the system call underneath, then each runtime. */
export const LANGUAGES: Language[] = [
  { key: 'c', label: 'System call (C)' },
  { key: 'node', label: 'Node.js' },
  { key: 'python', label: 'Python' },
  { key: 'ruby', label: 'Ruby' },
];

/** One outcome: what it is, the situation that gives it, and the calls that show it in each language. */
export interface TranslationRowDef {
  key: string;
  outcome: string;
  situation: string;
  /** The errno index page it belongs to (`econnreset`, `eof`, `epipe`, …), when there is one. */
  slug?: string;
  cells: Partial<Record<Language['key'], Decisive[] | NotApplicable>>;
}

const call = (id: string, code: string, nth?: number): Decisive => (nth ? { id, call: code, nth } : { id, call: code });
const next = 'await a.next()';

/** The outcomes, in the order the errno index has them. */
export const TRANSLATION_ROWS: TranslationRowDef[] = [
  {
    key: 'eof',
    slug: 'eof',
    outcome: 'End of file',
    situation: 'B closes, nothing pending either way; A reads (Unix stream)',
    cells: {
      c: [call('unix-stream/peer-closed-then-read', 'a.read()')],
      node: [call('node/peer-closed-then-read', next, 2)],
      python: [call('python/unix-peer-closed-then-read', 'a.recv(5)')],
      ruby: [
        call('ruby/question-read-after-close', 'a.read'),
        call('ruby/unix-end-of-file', 'a.readpartial(5)'),
        call('ruby/unix-end-of-file', 'a.read_nonblock(5, exception: false)'),
      ],
    },
  },
  {
    key: 'econnreset',
    slug: 'econnreset',
    outcome: 'ECONNRESET from a read',
    situation: "B closes with A's bytes unread (TCP: a reset); A reads",
    cells: {
      c: [call('tcp/peer-closed-unread-then-read', 'a.read()')],
      node: [call('node/peer-closed-unread', next)],
      python: [call('python/tcp-peer-closed-unread-then-read', 'a.recv(5)')],
      ruby: [call('ruby/question-example-2', 'c.read')],
    },
  },
  {
    key: 'econnreset-write',
    slug: 'econnreset',
    outcome: 'ECONNRESET from a write',
    situation: "the same over TCP; A writes instead: the first write after the reset",
    cells: {
      c: [call('tcp/peer-closed-unread-then-write', "a.write('world')")],
      node: [call('node/reset-then-write', next)],
      python: [call('python/tcp-peer-closed-unread-then-write', 'a.send(b"world")')],
      ruby: [call('ruby/question-example-4', 'c.write("world")')],
    },
  },
  {
    key: 'linger-zero',
    slug: 'econnreset',
    outcome: 'ECONNRESET with nothing lost',
    situation: 'B sets SO_LINGER to {on, 0} and closes (TCP); A reads',
    cells: {
      c: [call('tcp/linger-zero', 'a.read()')],
      node: [call('node/reset-and-destroy', next)],
      python: [call('python/tcp-linger-zero', 'a.recv(5)')],
      ruby: [call('ruby/tcp-linger-zero', 'a.readpartial(5)')],
    },
  },
  {
    key: 'blocked-write',
    slug: 'econnreset',
    outcome: 'ECONNRESET in a write that was waiting',
    situation: "A's write waits for room (B reads nothing) when B closes (TCP)",
    cells: {
      c: [call('tcp/blocked-write-peer-closes', 'await writer.result()')],
      node: { na: 'a Node.js write never waits in the kernel: libuv queues what does not fit and writes it when poll says there is room' },
      python: [call('python/tcp-blocked-write-peer-closes', 'a.sendall(b"x" * 1_000_000)')],
      ruby: [call('ruby/tcp-blocked-write-peer-closes', "a.write('x' * 1_000_000)")],
    },
  },
  {
    key: 'data-then-reset',
    slug: 'econnreset',
    outcome: 'Data, then ECONNRESET',
    situation: "B's bytes wait unread at A when B resets (TCP); A reads them, or reads to the end",
    cells: {
      c: [call('tcp/reset-after-pending-data', 'a.read()'), call('tcp/reset-after-pending-data', 'a.read()', 2)],
      node: [call('node/data-then-reset', next), call('node/data-then-reset', next, 2)],
      python: [call('python/tcp-reset-after-pending-data', 'a.recv(5)'), call('python/tcp-reset-after-pending-data', 'a.recv(5)', 2), call('python/tcp-reset-after-pending-data', 'a.makefile("rb").read()')],
      ruby: [call('ruby/tcp-reset-after-pending-data', 'a.readpartial(5)'), call('ruby/tcp-reset-after-pending-data', 'a.readpartial(5)', 2), call('ruby/tcp-reset-after-pending-data', 'a.read')],
    },
  },
  {
    key: 'epipe-sigpipe',
    slug: 'epipe',
    outcome: 'EPIPE with SIGPIPE at its default',
    situation: 'B closes, nothing pending; A writes, with SIGPIPE as a C program starts (Unix stream)',
    cells: {
      c: [call('unix-stream/peer-closed-then-write', "a.write('foo')")],
      node: { na: 'Node.js ignores SIGPIPE from its start (its process documentation says so), and never lets it kill the process' },
      python: [call('python/sigpipe', 'a.send(b"x")', 2)],
      ruby: [call('ruby/sigpipe', 'a.write("x")', 2)],
    },
  },
  {
    key: 'epipe',
    slug: 'epipe',
    outcome: 'EPIPE without SIGPIPE',
    situation: "B closes, nothing pending; A writes, as each runtime starts (C: with MSG_NOSIGNAL, over TCP after a reset)",
    cells: {
      c: [call('tcp/sigpipe', "a.send('x', 'NOSIGNAL')")],
      node: [call('node/peer-closed-then-write', next, 2)],
      python: [call('python/unix-peer-closed-then-write', 'a.send(b"foo")')],
      ruby: [call('ruby/question-write-after-close', 'a.write("foo")')],
    },
  },
  {
    key: 'write-after-fin',
    outcome: "A write after the peer's FIN goes through",
    situation: 'B closes in order (TCP); A writes: accepted, and answered with a reset',
    cells: {
      c: [call('tcp/peer-closed-then-write', "a.write('foo')")],
      node: [call('node/peer-closed-then-write', "a.write('x')", 2)],
      python: [call('python/tcp-peer-closed-then-write', 'a.send(b"hello")')],
      ruby: [call('ruby/tcp-peer-closed-then-write', 'a.write("hello")')],
    },
  },
  {
    key: 'etimedout',
    slug: 'etimedout',
    outcome: 'ETIMEDOUT',
    situation: 'data goes unacknowledged until the kernel gives up (C: TCP_USER_TIMEOUT and a silent peer; Node.js: a silent peer, tcp_retries2 set to 0 in its private namespace; Python, Ruby: TCP_USER_TIMEOUT and a peer whose window stays closed)',
    cells: {
      c: [call('tcp/user-timeout', 'a.read()')],
      node: [call('node/etimedout', next)],
      python: [call('python/tcp-user-timeout', 'a.recv(5)')],
      ruby: [call('ruby/tcp-user-timeout', 'a.read_nonblock(5)')],
    },
  },
  {
    key: 'own-timeout',
    outcome: "The runtime's own timeout",
    situation: 'A waits for a read that does not come, with a timeout the program set',
    cells: {
      c: { na: 'no error: poll() with a timeout returns 0' },
      node: [call('node/handle-etimedout', next)],
      python: [call('python/tcp-user-timeout', 'c.recv(5)')],
      ruby: [call('ruby/tcp-user-timeout', 'c.wait_readable(0.05)')],
    },
  },
  {
    key: 'econnrefused',
    slug: 'econnrefused',
    outcome: 'ECONNREFUSED',
    situation: 'connect to a loopback port where nobody listens',
    cells: {
      c: [call('tcp/connect-refused', 'a.connect(nobody.port)', 2)],
      node: [call('node/connect-errors', next)],
      python: [call('python/tcp-connect-refused', 'socket.create_connection(bound.getsockname())')],
      ruby: [call('ruby/tcp-connect-refused', "TCPSocket.new('127.0.0.1', bound.local_address.ip_port)")],
    },
  },
  {
    key: 'eagain',
    slug: 'eagain',
    outcome: 'EAGAIN',
    situation: 'a non-blocking read with nothing to read yet',
    cells: {
      c: [call('tcp/shutdown-read', 'a.read()')],
      node: { na: 'a Node.js program never sees it: libuv reads only once epoll says there is something, and waits again on EAGAIN' },
      python: [call('python/unix-would-block', 'a.recv(5)')],
      ruby: [call('ruby/unix-would-block', 'a.read_nonblock(5)'), call('ruby/unix-would-block', 'a.read_nonblock(5, exception: false)')],
    },
  },
  {
    key: 'enoent',
    slug: 'enoent',
    outcome: 'ENOENT',
    situation: 'connect to a Unix socket path that does not exist',
    cells: {
      c: [call('unix-stream/connect-errors', 'a.connect(missingPath())')],
      node: [call('node/connect-errors', next, 3)],
      python: [call('python/unix-connect-missing', 'a.connect(os.path.join(folder, "nobody-here.sock"))')],
      ruby: [call('ruby/unix-connect-missing', "UNIXSocket.new(File.join(folder, 'nobody-here.sock'))")],
    },
  },
];
