// Before any observation, the lab proves its own mechanisms on this kernel: a platform whose
// constants were read from headers (darwin) could otherwise give silently wrong data, such as a
// SIGPIPE that always reads false or TCP states under the wrong names. Each check names what it
// proves; observe writes nothing when one fails.
import koffi from 'koffi';
import * as libc from './libc.ts';
import { currentPlatform, lacks, type Platform } from './platform.ts';
import { WAIT_MS } from './socket.ts';

/** What the canary uses; a test hands in a broken one to watch a check refuse. */
export interface CanaryLab {
  platform: Platform;
  takeSigpipe(): boolean;
  errnoName(n: number): string;
  /** koffi's errno names and numbers, from the platform's own errno.h (koffi.os.errno). */
  systemErrno: Record<string, number>;
  /** The TCP state number of an open socket (TCP_INFO), or undefined. */
  tcpStateOfFd(fd: number): number | undefined;
  /** The TCP state number by ports, or undefined; absent where the platform lacks it. */
  tcpStateByPorts?(local: number, remote: number): number | undefined;
}

/** The canary's checks, by name, in the order they run. */
export const CANARY_CHECKS = {
  sigpipe: 'a write to a socketpair whose peer is closed gives EPIPE and exactly one SIGPIPE',
  nosignal: 'send(MSG_NOSIGNAL) to a socketpair whose peer is closed gives EPIPE and no SIGPIPE',
  established: 'a connected TCP pair over 127.0.0.1 reads as ESTABLISHED',
  errno: "koffi's errno numbers (from the system's errno.h) match the lab's table",
} as const;

/** The lab as it runs here. */
export function realLab(): CanaryLab {
  const platform = currentPlatform();
  return {
    platform,
    takeSigpipe: libc.takeSigpipe,
    errnoName: libc.errnoName,
    systemErrno: koffi.os.errno as Record<string, number>,
    tcpStateOfFd(fd) {
      const r = libc.getsockopt(fd, platform.tcpInfo.level, platform.tcpInfo.option, platform.tcpInfo.bytes);
      return r.ret === -1 ? undefined : r.value[platform.tcpInfo.stateOffset];
    },
    ...(lacks('tcpStateByPorts', platform) ? {} : { tcpStateByPorts: libc.tcpStateByPorts }),
  };
}

/** A closed-peer socketpair: the write end, to be closed by the caller. */
function closedPeer(lab: CanaryLab): number {
  const { af, sock } = lab.platform;
  const r = libc.openSocketpair(af.UNIX, sock.STREAM);
  if (r.ret === -1) throw new Error(`socketpair() failed: ${lab.errnoName(r.errno ?? 0)}`);
  libc.close(r.fds[1]);
  lab.takeSigpipe(); // none should be pending; if one were, it is not this check's
  return r.fds[0];
}

function sigpipeCheck(lab: CanaryLab): string | undefined {
  const fd = closedPeer(lab);
  try {
    const w = libc.write(fd, Buffer.from('x'));
    const result = w.ret === -1 ? lab.errnoName(w.errno ?? 0) : String(w.ret);
    const first = lab.takeSigpipe();
    const again = lab.takeSigpipe();
    if (result !== 'EPIPE') return `write() gave ${result}`;
    if (!first) return 'no SIGPIPE was seen';
    if (again) return 'a second SIGPIPE was seen';
    return undefined;
  } finally {
    libc.close(fd);
  }
}

function nosignalCheck(lab: CanaryLab): string | undefined {
  const fd = closedPeer(lab);
  try {
    const s = libc.send(fd, Buffer.from('x'), lab.platform.msg.NOSIGNAL);
    const result = s.ret === -1 ? lab.errnoName(s.errno ?? 0) : String(s.ret);
    if (result !== 'EPIPE') return `send() gave ${result}`;
    if (lab.takeSigpipe()) return 'a SIGPIPE was seen';
    return undefined;
  } finally {
    libc.close(fd);
  }
}

function establishedCheck(lab: CanaryLab): string | undefined {
  const { af, sock, poll, EINPROGRESS, tcpStates } = lab.platform;
  const fds: number[] = [];
  const open = (what: string, r: libc.SysResult) => {
    if (r.ret === -1) throw new Error(`${what} failed: ${lab.errnoName(r.errno ?? 0)}`);
    fds.push(r.ret);
    return r.ret;
  };
  try {
    const listener = open('socket(listener)', libc.openSocket(af.INET, sock.STREAM));
    if (libc.bind(listener, lab.platform.sockaddrIn('127.0.0.1', 0)).ret === -1 || libc.listen(listener, 1).ret === -1) return 'bind() or listen() on 127.0.0.1 failed';
    const port = lab.platform.portOf(libc.getsockname(listener).addr);
    const a = open('socket(a)', libc.openSocket(af.INET, sock.STREAM));
    const c = libc.connect(a, lab.platform.sockaddrIn('127.0.0.1', port));
    if (c.ret === -1 && c.errno !== EINPROGRESS) return `connect() gave ${lab.errnoName(c.errno ?? 0)}`;
    if (libc.poll(listener, poll.IN, WAIT_MS).ret !== 1 || libc.poll(a, poll.OUT, WAIT_MS).ret !== 1) return `the connection was not made within ${WAIT_MS} ms`;
    const b = open('accept()', libc.accept(listener));
    const local = lab.platform.portOf(libc.getsockname(a).addr);
    const seen: string[] = [];
    const name = (n: number | undefined) => (n === undefined ? 'nothing' : (tcpStates[n] ?? `state ${n}`));
    for (const [who, n] of [['a', lab.tcpStateOfFd(a)], ['b', lab.tcpStateOfFd(b)]] as const) {
      if (name(n) !== 'ESTABLISHED') seen.push(`${who} reads ${name(n)} by its fd`);
    }
    if (lab.tcpStateByPorts) {
      const n = lab.tcpStateByPorts(local, port);
      if (name(n) !== 'ESTABLISHED') seen.push(`a reads ${name(n)} by its ports`);
    }
    return seen.length ? seen.join(', ') : undefined;
  } finally {
    for (const fd of fds) libc.close(fd);
  }
}

function errnoCheck(lab: CanaryLab): string | undefined {
  const table = lab.platform.errnoNames;
  const number = new Map(Object.entries(table).map(([n, name]) => [name, Number(n)]));
  const wrong = Object.entries(lab.systemErrno)
    .filter(([name, n]) => number.has(name) && number.get(name) !== n)
    .map(([name, n]) => `${name} is ${n} here, ${number.get(name)} in the table`);
  const missing = ['EPIPE', 'ECONNRESET', 'EAGAIN', 'EINPROGRESS', 'ECONNREFUSED', 'ETIMEDOUT'].filter((n) => lab.systemErrno[n] === undefined);
  if (missing.length) return `koffi does not know ${missing.join(', ')}`;
  return wrong.length ? wrong.slice(0, 3).join('; ') : undefined;
}

const RUN: Record<keyof typeof CANARY_CHECKS, (lab: CanaryLab) => string | undefined> = {
  sigpipe: sigpipeCheck,
  nosignal: nosignalCheck,
  established: establishedCheck,
  errno: errnoCheck,
};

/** Runs every check: one line for each that failed, naming it and what was seen; empty when all hold. */
export function runCanary(lab: CanaryLab = realLab()): string[] {
  const failures: string[] = [];
  for (const [key, check] of Object.entries(RUN) as [keyof typeof CANARY_CHECKS, (lab: CanaryLab) => string | undefined][]) {
    let why: string | undefined;
    try {
      why = check(lab);
    } catch (e) {
      why = (e as Error).message;
    }
    if (why) failures.push(`canary '${key}' failed: ${CANARY_CHECKS[key]}, but ${why}`);
  }
  return failures;
}
