// A socket as snippets use it: every method is one system call, recorded with its result.
// Descriptors are non-blocking, so a call that would block returns EAGAIN instead of hanging.
import * as libc from './libc.ts';
import { currentPlatform, lacks, POLL_NAMES, type PollName } from './platform.ts';
import { recorder, requireCapability, type SocketView, type Watchable } from './recorder.ts';

const platform = currentPlatform();
// Node ignores SIGPIPE; the watch makes each one seen (blocked and pending on Linux, counted by a kqueue on darwin).
libc.watchSigpipe();

/** The kinds of socket the lab makes. */
export type Transport = 'tcp' | 'udp' | 'unix-stream' | 'unix-seqpacket' | 'unix-dgram';

/** How long any wait on the kernel may take before the lab gives up on it. */
export const WAIT_MS = 2000;

/** Poll flags as names, in a fixed order. */
export function pollNames(revents: number): PollName[] {
  return POLL_NAMES.filter((name) => (revents & platform.poll[name]) !== 0);
}

/** What poll(2) returned, as a snippet shows it: the events that came, 0 when it timed out, or the errno name. */
export function pollResult(r: libc.SysResult & { revents: number }): number | string {
  return r.ret === -1 ? resultOf(r) : r.ret === 0 ? 0 : pollNames(r.revents).join(' ');
}

/** A system call's result as a snippet shows it: the return value, or the errno name. */
export function resultOf(r: libc.SysResult): number | string {
  return r.ret === -1 ? libc.errnoName(r.errno ?? 0) : r.ret;
}

/** The bytes of a string or buffer. */
function bytes(data: string | Buffer): Buffer {
  return typeof data === 'string' ? Buffer.from(data) : data;
}

/** A sockaddr: 127.0.0.1 and a port for a number, a Unix path or '@abstract' name for a string. */
function addressOf(to: number | string): Buffer {
  return typeof to === 'number' ? platform.sockaddrIn('127.0.0.1', to) : platform.sockaddrUn(to);
}

/** The flags to wait for with poll(): IN and RDHUP by default; ERR and HUP always come. */
function eventsOf(names: PollName[]): number {
  return (names.length ? names : (['IN', 'RDHUP'] as PollName[])).reduce((m, n) => m | platform.poll[n], 0);
}

/** The int-valued socket options snippets may set. */
export type SocketOption =
  | 'SO_KEEPALIVE' | 'SO_SNDBUF' | 'SO_RCVBUF'
  | 'TCP_NODELAY' | 'TCP_KEEPIDLE' | 'TCP_KEEPINTVL' | 'TCP_KEEPCNT' | 'TCP_USER_TIMEOUT';

/** The level and number of a socket option on this platform; a scenario needing one the platform lacks is not observed there. */
function optionOf(name: SocketOption): [number, number] {
  if (name === 'TCP_USER_TIMEOUT') requireCapability('userTimeout');
  const [prefix, rest] = name.split(/_(.*)/s) as ['SO' | 'TCP', string];
  const option = prefix === 'SO' ? platform.so[rest as keyof typeof platform.so] : platform.tcp[rest as keyof typeof platform.tcp];
  if (option === undefined) throw new Error(`${platform.name} has no ${name}`);
  return [prefix === 'SO' ? platform.sol.SOCKET : platform.sol.TCP, option];
}

/**
 * The TCP state of a connection, by name: from TCP_INFO (TCP_CONNECTION_INFO on darwin) while `fd`
 * is open, else from the kernel's table by its ports ('gone' when it has none); undefined when
 * the fd is closed and this platform cannot look a connection up by its ports.
 */
export function tcpStateOf(fd: number | undefined, ports: { local: number; remote: number } | undefined): string | undefined {
  if (fd !== undefined) {
    const { level, option, bytes: size, stateOffset } = platform.tcpInfo;
    const r = libc.getsockopt(fd, level, option, size);
    return r.ret === -1 ? libc.errnoName(r.errno ?? 0) : (platform.tcpStates[r.value[stateOffset]] ?? 'unknown');
  }
  if (!ports || lacks('tcpStateByPorts')) return undefined;
  return platform.tcpStates[libc.tcpStateByPorts(ports.local, ports.remote) ?? -1] ?? 'gone';
}

/** Fails a setup step (not a recorded call) with the errno it hit. */
export function must(r: libc.SysResult, what: string): number {
  if (r.ret === -1) throw new Error(`${what} failed: ${libc.errnoName(r.errno ?? 0)}`);
  return r.ret;
}

/** One end of a connection (or a datagram socket), owned by the current recorder. */
export class Socket implements Watchable {
  private open = true;
  /** Local and remote TCP ports, so the kernel's state can still be found after close(). */
  ports: { local: number; remote: number } | undefined;
  /** The other end, when the lab made both (tcpPair): only to hurry its ACKs along in writeUntilFull(). */
  peer: Socket | undefined;

  readonly fd: number;
  readonly transport: Transport;
  /** Bound to a name or port (a listener, a datagram server): B's side, never the watched socket. */
  get server(): boolean {
    return false;
  }

  constructor(fd: number, transport: Transport) {
    this.fd = fd;
    this.transport = transport;
    recorder().own(this);
  }

  /** read(2): bytes read, 0 at end of file, or an errno name (EAGAIN when nothing is there yet). */
  read(size = 65536): number | string {
    return recorder().record({ method: 'read', kind: 'read', on: this }, () => {
      const r = libc.read(this.fd, size);
      return { result: resultOf(r), sigpipe: false, ...(r.ret > 0 ? { data: r.data.toString() } : {}) };
    });
  }

  /** recv(2) with flags, e.g. recv(1024, 'PEEK'). */
  recv(size = 65536, ...flags: ('PEEK' | 'DONTWAIT')[]): number | string {
    return recorder().record({ method: 'recv', kind: 'recv', on: this }, () => {
      const r = libc.recv(this.fd, size, flags.reduce((m, f) => m | platform.msg[f], 0));
      return { result: resultOf(r), sigpipe: false, ...(r.ret > 0 ? { data: r.data.toString() } : {}) };
    });
  }

  /** write(2): bytes written, or an errno name; SIGPIPE, if raised, is recorded and consumed. */
  write(data: string | Buffer): number | string {
    return recorder().record({ method: 'write', kind: 'write', on: this }, () => {
      const r = libc.write(this.fd, bytes(data));
      return { result: resultOf(r), sigpipe: libc.takeSigpipe() };
    });
  }

  /** send(2) with flags, e.g. send('x', 'NOSIGNAL'). */
  send(data: string | Buffer, ...flags: ('NOSIGNAL' | 'DONTWAIT')[]): number | string {
    return recorder().record({ method: 'send', kind: 'send', on: this }, () => {
      const r = libc.send(this.fd, bytes(data), flags.reduce((m, f) => m | platform.msg[f], 0));
      return { result: resultOf(r), sigpipe: libc.takeSigpipe() };
    });
  }

  /** write(2) until the kernel takes no more (EAGAIN): the total bytes it took. */
  fill(chunk = 65536): number | string {
    return recorder().record({ method: 'fill', kind: 'write', on: this }, () => {
      const block = Buffer.alloc(chunk, 'x');
      let total = 0;
      for (;;) {
        const r = libc.write(this.fd, block);
        if (r.ret > 0) total += r.ret;
        else return { result: total > 0 || r.errno === undefined ? total : resultOf(r), sigpipe: libc.takeSigpipe() };
      }
    });
  }

  /**
   * read(2) for as long as the receive queue holds bytes (FIONREAD says how many): the total read.
   * It never makes the read that would return 0 or an error; that is left to the next call.
   */
  drain(): number | string {
    return recorder().record({ method: 'drain', kind: 'read', on: this }, () => {
      let total = 0;
      for (let queued = libc.bytesQueued(this.fd); queued > 0; queued = libc.bytesQueued(this.fd)) {
        const r = libc.read(this.fd, queued);
        if (r.ret <= 0) return { result: resultOf(r), sigpipe: false };
        total += r.ret;
      }
      return { result: total, sigpipe: false };
    });
  }

  /**
   * read(2) everything the peer sends until it has ended or failed: waits (bounded by WAIT_MS in
   * all) for more while the queue is empty, and stops once poll() reports RDHUP, HUP or ERR with
   * nothing left to read. The total read; the read that returns 0 or the error is left to the next call.
   */
  readToEnd(): number | string {
    return recorder().record({ method: 'readToEnd', kind: 'read', on: this }, () => {
      const deadline = performance.now() + WAIT_MS;
      const ended = platform.poll.RDHUP | platform.poll.HUP | platform.poll.ERR;
      let total = 0;
      for (;;) {
        const queued = libc.bytesQueued(this.fd);
        if (queued > 0) {
          const r = libc.read(this.fd, queued);
          if (r.ret <= 0) return { result: resultOf(r), sigpipe: false };
          total += r.ret;
          continue;
        }
        const left = Math.ceil(deadline - performance.now());
        if (left <= 0) throw new Error(`readToEnd(): the peer neither sent more nor ended within ${WAIT_MS} ms`);
        const p = libc.poll(this.fd, platform.poll.IN | platform.poll.RDHUP, left);
        if (p.ret === 1 && (p.revents & ended) !== 0 && libc.bytesQueued(this.fd) <= 0) return { result: total, sigpipe: false };
      }
    });
  }

  /**
   * connect(2) to 127.0.0.1:port (a number), or to a Unix path or '@abstract' name (a string).
   * TCP is non-blocking, so usually EINPROGRESS; a Unix connect succeeds or fails at once.
   */
  connect(to: number | string): number | string {
    return recorder().record({ method: 'connect', kind: 'connect', on: this }, () => ({
      result: resultOf(libc.connect(this.fd, addressOf(to))),
      sigpipe: false,
    }));
  }

  /** sendto(2): one datagram to a Unix path or '@abstract' name; SIGPIPE, if raised, is recorded. */
  sendto(data: string | Buffer, to: string): number | string {
    return recorder().record({ method: 'sendto', kind: 'send', on: this }, () => {
      const r = libc.sendto(this.fd, bytes(data), 0, addressOf(to));
      return { result: resultOf(r), sigpipe: libc.takeSigpipe() };
    });
  }

  /**
   * write(2) until the kernel takes no more: the errno that stopped it (EAGAIN), which unlike the
   * byte count does not depend on buffer sizes. Over TCP it goes on until every segment sent is
   * acknowledged, so that no late ACK makes room again.
   */
  writeUntilFull(): number | string {
    return recorder().record({ method: 'writeUntilFull', kind: 'write', on: this }, () => {
      const block = Buffer.alloc(65536, 'x');
      const stopped = (r: libc.SysResult) => ({ result: resultOf(r), sigpipe: libc.takeSigpipe() });
      for (;;) {
        let r = libc.write(this.fd, block);
        while (r.ret > 0) r = libc.write(this.fd, block);
        if (libc.errnoName(r.errno ?? 0) !== 'EAGAIN' || this.transport !== 'tcp') return stopped(r);
        this.waitUntilAcknowledged();
        const again = libc.write(this.fd, block);
        if (again.ret === -1) return stopped(again);
      }
    });
  }

  /** shutdown(2) one or both directions. */
  shutdown(how: 'RD' | 'WR' | 'RDWR'): number | string {
    return recorder().record({ method: 'shutdown', kind: 'shutdown', on: this }, () => ({
      result: resultOf(libc.shutdown(this.fd, platform.shut[how])),
      sigpipe: false,
    }));
  }

  /** setsockopt(SO_LINGER) on, with the given timeout: 0 makes close() abortive. */
  linger(seconds: number): number | string {
    return recorder().record({ method: 'linger', kind: 'option', on: this }, () => ({
      result: resultOf(libc.setsockopt(this.fd, platform.sol.SOCKET, platform.so.LINGER, platform.linger(true, seconds))),
      sigpipe: false,
    }));
  }

  /** setsockopt(2) with an int value, by the option's name (SO_KEEPALIVE, TCP_USER_TIMEOUT, …). */
  setsockopt(name: SocketOption, value: number): number | string {
    return recorder().record({ method: 'setsockopt', kind: 'option', on: this }, () => {
      const [level, option] = optionOf(name);
      return { result: resultOf(libc.setsockoptInt(this.fd, level, option, value)), sigpipe: false };
    });
  }

  /** getsockopt(SO_ERROR): the pending socket error as an errno name (and cleared), or 0. */
  soError(): number | string {
    return recorder().record({ method: 'soError', kind: 'soerror', on: this }, () => {
      const r = libc.getsockopt(this.fd, platform.sol.SOCKET, platform.so.ERROR, 4);
      const err = r.ret === -1 ? 0 : r.value.readInt32LE(0);
      return { result: r.ret === -1 ? resultOf(r) : err === 0 ? 0 : libc.errnoName(err), sigpipe: false };
    });
  }

  /**
   * poll(2): waits for the events named (IN and RDHUP by default; ERR and HUP always count), at
   * most `ms` milliseconds (WAIT_MS unless a number is given last); the events that came, or 0.
   */
  poll(...args: (PollName | number)[]): number | string {
    const ms = typeof args.at(-1) === 'number' ? (args.pop() as number) : WAIT_MS;
    const events = args as PollName[];
    return recorder().record({ method: 'poll', kind: 'poll', on: this }, () => {
      return { result: pollResult(libc.poll(this.fd, eventsOf(events), ms)), sigpipe: false };
    });
  }

  /** close(2) */
  close(): number | string {
    return recorder().record({ method: 'close', kind: 'close', on: this }, () => this.closeNow());
  }

  /** What poll() and, for TCP, the connection state say about this socket right now. */
  view(): SocketView {
    const view: SocketView = { poll: null };
    if (this.open) {
      const all = platform.poll.IN | platform.poll.PRI | platform.poll.OUT | platform.poll.RDHUP;
      view.poll = pollNames(libc.poll(this.fd, all, 0).revents);
    }
    if (this.transport === 'tcp') view.state = this.state();
    return view;
  }

  /** The TCP state: from TCP_INFO while we hold the fd, from the kernel's table after close(). */
  state(): string {
    return tcpStateOf(this.open ? this.fd : undefined, this.ports) ?? 'gone';
  }

  /** Whether the snippet still holds this descriptor (it has not closed it). */
  get isOpen(): boolean {
    return this.open;
  }

  /**
   * Waits (bounded) until TCP_INFO shows no sent segment left unacknowledged. darwin's
   * TCP_CONNECTION_INFO has no such count: there the first EAGAIN stands (written for macOS, not yet run on one).
   */
  private waitUntilAcknowledged(): void {
    const { level, option, bytes: size, unackedOffset } = platform.tcpInfo;
    if (unackedOffset === undefined) return;
    const deadline = performance.now() + WAIT_MS;
    for (;;) {
      const r = libc.getsockopt(this.fd, level, option, size);
      if (r.ret === -1 || r.value.readUInt32LE(unackedOffset) === 0) return;
      if (performance.now() > deadline) throw new Error(`TCP data still unacknowledged after ${WAIT_MS} ms`);
      // The peer would send its ACK only when its delayed-ACK timer fires, 40 ms or more later
      // (TCP_DELACK_MIN in include/net/tcp.h). TCP_QUICKACK makes it send a pending ACK at once
      // (__tcp_sock_set_quickack() in net/ipv4/tcp.c); it changes when the ACK is sent, not what it says.
      if (this.peer?.open && platform.tcp.QUICKACK !== undefined) libc.setsockoptInt(this.peer.fd, platform.sol.TCP, platform.tcp.QUICKACK, 1);
      libc.poll(this.fd, 0, 5); // ERR or HUP end the wait early; otherwise ask again in 5 ms
    }
  }

  /** Closes the fd if the snippet has not; used by the recorder at the end of a run. */
  dispose(): void {
    if (this.open) this.closeNow();
  }

  private closeNow(): { result: number | string; sigpipe: boolean } {
    this.open = false;
    recorder().disown(this);
    return { result: resultOf(libc.close(this.fd)), sigpipe: false };
  }
}
