// Connected pairs of sockets: the starting point of almost every scenario.
import * as libc from './libc.ts';
import { currentPlatform } from './platform.ts';
import { recorder } from './recorder.ts';
import { must, Socket, WAIT_MS } from './socket.ts';

const platform = currentPlatform();
const { sock } = platform;
const FLAGS = sock.NONBLOCK | sock.CLOEXEC;

/** socketpair(2) for Unix sockets: `[a, b]`, connected to each other, both non-blocking. */
export function socketpair(family: 'unix', type: 'stream' | 'seqpacket' | 'dgram'): [Socket, Socket] {
  const kind = { stream: sock.STREAM, seqpacket: sock.SEQPACKET, dgram: sock.DGRAM }[type];
  const r = libc.socketpair(platform.af.UNIX, kind | FLAGS);
  must(r, `socketpair(${family}, ${type})`);
  const a = new Socket(r.fds[0], `unix-${type}`);
  const b = new Socket(r.fds[1], `unix-${type}`);
  recorder().watch(a, b);
  return [a, b];
}

/** Waits, bounded, until poll() reports one of `events` on `fd`; throws naming `what` if it never does. */
export function waitFor(fd: number, events: number, what: string): number {
  const r = libc.poll(fd, events, WAIT_MS);
  if (r.ret <= 0) throw new Error(`${what}: nothing from the kernel within ${WAIT_MS} ms`);
  return r.revents;
}

/** A TCP connection over 127.0.0.1: `a` connected to a listener on port 0, `b` the accepted end. */
export function tcpPair(): [Socket, Socket] {
  const listener = must(libc.socket(platform.af.INET, sock.STREAM | FLAGS), 'socket(listener)');
  try {
    must(libc.bind(listener, platform.sockaddrIn('127.0.0.1', 0)), 'bind(127.0.0.1:0)');
    must(libc.listen(listener, 1), 'listen');
    const port = platform.portOf(libc.getsockname(listener).addr);
    const a = new Socket(must(libc.socket(platform.af.INET, sock.STREAM | FLAGS), 'socket(a)'), 'tcp');
    const c = libc.connect(a.fd, platform.sockaddrIn('127.0.0.1', port));
    if (c.ret === -1 && c.errno !== platform.EINPROGRESS) must(c, 'connect');
    waitFor(listener, platform.poll.IN, 'accept');
    const b = new Socket(must(libc.accept(listener), 'accept'), 'tcp');
    must(libc.setNonBlocking(b.fd), 'fcntl(O_NONBLOCK)');
    waitFor(a.fd, platform.poll.OUT, 'connect');
    const local = platform.portOf(libc.getsockname(a.fd).addr);
    a.ports = { local, remote: port };
    b.ports = { local: port, remote: local };
    recorder().watch(a, b);
    return [a, b];
  } finally {
    libc.close(listener);
  }
}
