// Connected pairs of sockets: the starting point of almost every scenario.
import { join } from 'node:path';
import { captureRunPort } from './capture.ts';
import * as libc from './libc.ts';
import { currentPlatform } from './platform.ts';
import { recorder, requireCapability } from './recorder.ts';
import { must, resultOf, Socket, WAIT_MS, type Transport } from './socket.ts';

const platform = currentPlatform();
const { sock } = platform;

/** socketpair(2) for Unix sockets: `[a, b]`, connected to each other, both non-blocking. */
export function socketpair(family: 'unix', type: 'stream' | 'seqpacket' | 'dgram'): [Socket, Socket] {
  if (type === 'seqpacket') requireCapability('seqpacket');
  const kind = { stream: sock.STREAM, seqpacket: sock.SEQPACKET, dgram: sock.DGRAM }[type];
  const r = libc.openSocketpair(platform.af.UNIX, kind);
  must(r, `socketpair(${family}, ${type})`);
  const a = new Socket(r.fds[0], `unix-${type}`);
  const b = new Socket(r.fds[1], `unix-${type}`);
  recorder().watch(a, b);
  return [a, b];
}

/**
 * Unix sockets connected through a path: a listener bound in a private temporary directory (the
 * socket file goes with the directory at the end of the run), `a` connected to it, `b` accepted.
 */
export function unixPathPair(type: 'stream' | 'seqpacket'): [Socket, Socket] {
  if (type === 'seqpacket') requireCapability('seqpacket');
  const kind = type === 'stream' ? sock.STREAM : sock.SEQPACKET;
  const path = join(recorder().privateDir(), 'socket');
  const listener = must(libc.openSocket(platform.af.UNIX, kind), 'socket(listener)');
  try {
    must(libc.bind(listener, platform.sockaddrUn(path)), `bind(${path})`);
    must(libc.listen(listener, 1), 'listen');
    const a = new Socket(must(libc.openSocket(platform.af.UNIX, kind), 'socket(a)'), `unix-${type}`);
    must(libc.connect(a.fd, platform.sockaddrUn(path)), `connect(${path})`);
    const b = acceptFrom(listener, `unix-${type}`);
    recorder().watch(a, b);
    return [a, b];
  } finally {
    libc.close(listener);
  }
}

/** accept(2) one pending connection, waiting for it (bounded); the new socket is non-blocking. */
function acceptFrom(listener: number, transport: Transport): Socket {
  waitFor(listener, platform.poll.IN, 'accept');
  const s = new Socket(must(libc.accept(listener), 'accept'), transport);
  must(libc.setNonBlocking(s.fd), 'fcntl(O_NONBLOCK)');
  return s;
}

/** Waits, bounded, until poll() reports one of `events` on `fd`; throws naming `what` if it never does. */
export function waitFor(fd: number, events: number, what: string): number {
  const r = libc.poll(fd, events, WAIT_MS);
  if (r.ret <= 0) throw new Error(`${what}: nothing from the kernel within ${WAIT_MS} ms`);
  return r.revents;
}

/** A TCP socket, not yet connected; the first one made in a run is the one watched. */
export function tcpSocket(): Socket {
  const s = new Socket(must(libc.openSocket(platform.af.INET, sock.STREAM), 'socket'), 'tcp');
  recorder().watch(s, undefined, false);
  return s;
}

/**
 * Fixed buffer sizes for a TCP pair, set with SO_SNDBUF/SO_RCVBUF before the connection exists
 * (the kernel doubles each value, see socket(7), and stops tuning it): byte counts then no longer
 * follow this machine's tcp_wmem/tcp_rmem or how busy it is.
 */
export interface Buffers {
  sndbuf?: number;
  rcvbuf?: number;
}

/** Sets the buffer sizes on a socket that is not connected yet. */
function pinBuffers(fd: number, buffers: Buffers): void {
  if (buffers.sndbuf) must(libc.setsockoptInt(fd, platform.sol.SOCKET, platform.so.SNDBUF, buffers.sndbuf), 'setsockopt(SO_SNDBUF)');
  if (buffers.rcvbuf) must(libc.setsockoptInt(fd, platform.sol.SOCKET, platform.so.RCVBUF, buffers.rcvbuf), 'setsockopt(SO_RCVBUF)');
}

/** A socket listening on 127.0.0.1 with an ephemeral port; never the watched one. */
export class Listener extends Socket {
  readonly port: number;

  override get server(): boolean {
    return true;
  }

  constructor(backlog: number, buffers: Buffers = {}) {
    super(must(libc.openSocket(platform.af.INET, sock.STREAM), 'socket(listener)'), 'tcp');
    pinBuffers(this.fd, buffers);
    must(libc.bind(this.fd, platform.sockaddrIn('127.0.0.1', 0)), 'bind(127.0.0.1:0)');
    if (backlog >= 0) must(libc.listen(this.fd, backlog), 'listen');
    this.port = platform.portOf(libc.getsockname(this.fd).addr);
    captureRunPort(this.port);
  }

  /** accept(2) one pending connection (waiting for it, bounded); the new socket is non-blocking. Not recorded: a setup step. */
  acceptPending(): Socket {
    return acceptFrom(this.fd, 'tcp');
  }

  /**
   * accept(2), recorded: waits (bounded) until a connection is pending, takes it, and watches it as
   * the peer of the watched socket. Recorded as `ok`; a failure is recorded as its errno name, then thrown.
   */
  accept(): Socket {
    let taken: Socket | undefined;
    const result = recorder().record({ method: 'accept', kind: 'accept', on: this }, () => {
      waitFor(this.fd, platform.poll.IN, 'accept');
      const r = libc.accept(this.fd);
      if (r.ret === -1) return { result: resultOf(r), sigpipe: false };
      taken = new Socket(r.ret, 'tcp');
      must(libc.setNonBlocking(taken.fd), 'fcntl(O_NONBLOCK)');
      recorder().watchPeer(taken);
      return { result: 'ok', sigpipe: false };
    });
    if (!taken) throw new Error(`accept() failed: ${result}`);
    return taken;
  }
}

/** listen(2) on 127.0.0.1, port 0, with this backlog. */
export function tcpListener(backlog = 8): Listener {
  return new Listener(backlog);
}

/** A socket bound to a 127.0.0.1 port that nobody listens on: connecting to `.port` is refused. */
export function tcpBoundOnly(): Listener {
  return new Listener(-1);
}

/**
 * A TCP connection over 127.0.0.1: `a` connected to a listener on port 0, `b` the accepted end;
 * with `buffers`, both ends get those buffer sizes (b inherits them from the listener).
 */
export function tcpPair(buffers: Buffers = {}): [Socket, Socket] {
  recorder().setupBegins();
  const server = new Listener(1, buffers);
  try {
    const port = server.port;
    const a = new Socket(must(libc.openSocket(platform.af.INET, sock.STREAM), 'socket(a)'), 'tcp');
    pinBuffers(a.fd, buffers);
    const c = libc.connect(a.fd, platform.sockaddrIn('127.0.0.1', port));
    if (c.ret === -1 && c.errno !== platform.EINPROGRESS) must(c, 'connect');
    const b = server.acceptPending();
    waitFor(a.fd, platform.poll.OUT, 'connect');
    const local = platform.portOf(libc.getsockname(a.fd).addr);
    a.ports = { local, remote: port };
    b.ports = { local: port, remote: local };
    a.peer = b;
    b.peer = a;
    recorder().watch(a, b);
    recorder().setupDone();
    return [a, b];
  } finally {
    server.dispose();
  }
}
