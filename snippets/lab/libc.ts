// The C library, called through koffi. Each function returns what libc returns; errno is read
// right after the call, before anything else can overwrite it.
import koffi from 'koffi';
import { currentPlatform, type Platform } from './platform.ts';
import { bindFor } from './prototypes.ts';
import { KEVENT_BYTES, KQ, keventBytes, parseKevent, THREAD_INFO } from './darwin.ts';

const platform = currentPlatform();
const lib = koffi.load(platform.libc);

// struct sock_fprog { unsigned short len; struct sock_filter *filter; }
const SockFprog = koffi.struct('sock_fprog', { len: 'uint16', filter: 'void *' });

/** This platform's functions: the common ones and its own (prototypes.ts); another platform's are never bound. */
const c = bindFor(platform, lib);

/** What a system call returned, and errno when it returned -1. */
export interface SysResult {
  ret: number;
  errno?: number;
}

/**
 * Makes one libc call: its result, and errno read by the very next native call, with no
 * JavaScript function entered in between. Entering one can let V8 run pending work first, and a
 * failing system call there would overwrite errno. When errno was read in a function entered after
 * the call, a CI run saw connect() fail with ENOENT, and a run here saw read() after a keepalive
 * timeout give ENOENT; neither call can fail that way (tcp_write_err() in net/ipv4/tcp_timer.c
 * reports ETIMEDOUT or an ICMP error). What overwrote errno was not found: both were rare, and
 * neither came back in 127 more observe runs of those two scenarios (idle, with busy cores, beside
 * builds and other observe runs).
 */
function sys(fn: (...args: unknown[]) => number | bigint, ...args: unknown[]): SysResult {
  const ret = fn(...args);
  const errno = koffi.errno();
  const n = Number(ret);
  return n === -1 ? { ret: n, errno } : { ret: n };
}

/** The name of an errno number on this platform, e.g. 104 → 'ECONNRESET' on Linux. */
export function errnoName(errno: number): string {
  return platform.errnoNames[errno] ?? `errno ${errno}`;
}

/** socket(2) */
export function socket(domain: number, type: number, protocol = 0): SysResult {
  return sys(c.socket, domain, type, protocol);
}

/** socketpair(2): both descriptors, or errno. */
export function socketpair(domain: number, type: number): SysResult & { fds: [number, number] } {
  const sv = [0, 0];
  const r = sys(c.socketpair, domain, type, 0, sv);
  return { ...r, fds: [sv[0], sv[1]] };
}

/**
 * Sets O_NONBLOCK and FD_CLOEXEC with fcntl(2), where socket() cannot take them in its type
 * (darwin; libuv does the same, src/unix/core.c); closes `fd` and gives the errno if either fails.
 */
function flagByFcntl(fd: number): SysResult {
  for (const r of [setNonBlocking(fd), sys(c.fcntl, fd, platform.fcntl.SETFD, 'int', platform.fcntl.FD_CLOEXEC)]) {
    if (r.ret === -1) {
      c.close(fd);
      return r;
    }
  }
  return { ret: fd };
}

/** socket(2) for a non-blocking, close-on-exec socket: in one call where the type takes the flags, else socket() and fcntl(). */
export function openSocket(domain: number, type: number, protocol = 0): SysResult {
  if (platform.sockTypeFlags) return socket(domain, type | platform.sock.NONBLOCK | platform.sock.CLOEXEC, protocol);
  const r = socket(domain, type, protocol);
  return r.ret === -1 ? r : flagByFcntl(r.ret);
}

/** socketpair(2) for two non-blocking, close-on-exec sockets, the same way. */
export function openSocketpair(domain: number, type: number): SysResult & { fds: [number, number] } {
  if (platform.sockTypeFlags) return socketpair(domain, type | platform.sock.NONBLOCK | platform.sock.CLOEXEC);
  const r = socketpair(domain, type);
  if (r.ret === -1) return r;
  const first = flagByFcntl(r.fds[0]);
  if (first.ret === -1) {
    c.close(r.fds[1]);
    return { ...first, fds: r.fds };
  }
  const second = flagByFcntl(r.fds[1]);
  if (second.ret === -1) c.close(r.fds[0]);
  return { ...second, ret: second.ret === -1 ? -1 : 0, fds: r.fds };
}

/** bind(2) */
export function bind(fd: number, addr: Buffer): SysResult {
  return sys(c.bind, fd, addr, addr.length);
}

/** listen(2) */
export function listen(fd: number, backlog: number): SysResult {
  return sys(c.listen, fd, backlog);
}

/** accept(2), ignoring the peer address. */
export function accept(fd: number): SysResult {
  return sys(c.accept, fd, null, null);
}

/** connect(2) */
export function connect(fd: number, addr: Buffer): SysResult {
  return sys(c.connect, fd, addr, addr.length);
}

/** getsockname(2): the raw sockaddr. */
export function getsockname(fd: number): SysResult & { addr: Buffer } {
  const addr = Buffer.alloc(128);
  const len = [addr.length];
  const r = sys(c.getsockname, fd, addr, len);
  return { ...r, addr: addr.subarray(0, len[0]) };
}

/** read(2) into a fresh buffer of `size` bytes. */
export function read(fd: number, size: number): SysResult & { data: Buffer } {
  const buf = Buffer.alloc(size);
  const r = sys(c.read, fd, buf, size);
  return { ...r, data: buf.subarray(0, Math.max(r.ret, 0)) };
}

/** write(2) */
export function write(fd: number, data: Buffer): SysResult {
  return sys(c.write, fd, data, data.length);
}

/** recv(2) into a fresh buffer of `size` bytes. */
export function recv(fd: number, size: number, flags: number): SysResult & { data: Buffer } {
  const buf = Buffer.alloc(size);
  const r = sys(c.recv, fd, buf, size, flags);
  return { ...r, data: buf.subarray(0, Math.max(r.ret, 0)) };
}

/** recvfrom(2) into fresh buffers: at most `size` bytes, and the sender's address. */
export function recvfrom(fd: number, size: number, flags: number, addrBytes: number): SysResult & { data: Buffer; addr: Buffer } {
  const buf = Buffer.alloc(size);
  const addr = Buffer.alloc(addrBytes);
  const len = [addrBytes];
  const r = sys(c.recvfrom, fd, buf, size, flags, addr, len);
  return { ...r, data: buf.subarray(0, Math.max(r.ret, 0)), addr: addr.subarray(0, len[0]) };
}

/** if_nametoindex(3): the index of a network interface in the calling thread's namespace, 0 if none. */
export function ifNameToIndex(name: string): number {
  return Number(c.if_nametoindex(name));
}

/** setsockopt(2) with a struct sock_fprog pointing at a classic BPF program (8 bytes an instruction). */
export function attachFilter(fd: number, level: number, option: number, program: Buffer): SysResult {
  return sys(c.setsockoptFprog, fd, level, option, { len: program.length / 8, filter: program }, koffi.sizeof(SockFprog));
}

/** send(2) */
export function send(fd: number, data: Buffer, flags: number): SysResult {
  return sys(c.send, fd, data, data.length, flags);
}

/** sendto(2): a datagram to the address `addr`. */
export function sendto(fd: number, data: Buffer, flags: number, addr: Buffer): SysResult {
  return sys(c.sendto, fd, data, data.length, flags, addr, addr.length);
}

/** Clears O_NONBLOCK with fcntl(2), so a recv() or write() on `fd` blocks. */
export function setBlocking(fd: number): SysResult {
  const flags = Number(c.fcntl(fd, platform.fcntl.GETFL));
  return sys(c.fcntl, fd, platform.fcntl.SETFL, 'int', flags & ~platform.fcntl.O_NONBLOCK);
}

/** Sets O_NONBLOCK with fcntl(2): accept() does not pass it on from the listener everywhere. */
export function setNonBlocking(fd: number): SysResult {
  const flags = Number(c.fcntl(fd, platform.fcntl.GETFL));
  return sys(c.fcntl, fd, platform.fcntl.SETFL, 'int', flags | platform.fcntl.O_NONBLOCK);
}

/** ioctl(FIONREAD): how many bytes wait in the receive queue, or -1. */
export function bytesQueued(fd: number): number {
  const n = [0];
  return Number(c.ioctl(fd, platform.FIONREAD, '_Out_ int *', n)) === -1 ? -1 : n[0];
}

/** setns(2) into the network namespace open at `fd`, for the calling thread only (Linux). */
export function enterNetNamespace(fd: number): void {
  if (!c.setns) throw new Error(`setns() is Linux's; ${platform.name} has no network namespaces`);
  const r = sys(c.setns, fd, platform.CLONE_NEWNET);
  if (r.ret === -1) throw new Error(`setns(CLONE_NEWNET) failed: ${errnoName(r.errno ?? 0)}`);
}

/**
 * flock(LOCK_EX | LOCK_NB) on an open file or folder: true when this process now holds it, false
 * when another open file holds it. The kernel drops the lock when its holder's last descriptor
 * closes, however the holder ended, and whatever PID namespace it is in.
 */
export function tryLockExclusive(fd: number): boolean {
  const r = sys(c.flock, fd, 2 /* LOCK_EX */ | 4 /* LOCK_NB */);
  if (r.ret === 0) return true;
  const name = errnoName(r.errno ?? 0);
  if (name === 'EAGAIN' || name === 'EWOULDBLOCK') return false;
  throw new Error(`flock failed: ${name}`);
}

/** renameat2(RENAME_EXCHANGE): swaps two paths in one step; false where the system cannot (then nothing moved). */
export function exchangePaths(a: string, b: string): boolean {
  if (!c.renameat2) return false;
  const AT_FDCWD = -100;
  const r = sys(c.renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */);
  if (r.ret === 0) return true;
  const name = errnoName(r.errno ?? 0);
  if (name === 'EINVAL' || name === 'ENOSYS') return false;
  throw new Error(`cannot swap ${b} for ${a}: ${name}`);
}

/**
 * Sets the loopback interface up in this thread's network namespace (Linux: ioctl SIOCGIFFLAGS,
 * then SIOCSIFFLAGS with IFF_UP on a struct ifreq), without starting a process; throws with the errno name.
 */
export function setLoopbackUp(): void {
  const fd = Number(c.socket(2 /* AF_INET */, 2 /* SOCK_DGRAM */, 0));
  if (fd === -1) throw new Error(`socket() for loopback failed: ${errnoName(koffi.errno())}`);
  try {
    const ifr = Buffer.alloc(40); // struct ifreq: the name (16 bytes), then ifr_flags (a short) in the union
    ifr.write('lo');
    for (const [request, name] of [[0x8913, 'SIOCGIFFLAGS'], [0x8914, 'SIOCSIFFLAGS']] as const) {
      if (request === 0x8914) ifr.writeUInt16LE(ifr.readUInt16LE(16) | 1 /* IFF_UP */, 16);
      const r = sys(c.ioctl, fd, request, 'void *', ifr);
      if (r.ret === -1) throw new Error(`ioctl(${name}, lo) failed: ${errnoName(r.errno ?? 0)}`);
    }
  } finally {
    c.close(fd);
  }
}

/** Asks the kernel to send this process `signal` when its parent dies (Linux; elsewhere nothing). */
export function dieWithParent(signal: number): void {
  c.prctl?.(1 /* PR_SET_PDEATHSIG */, signal, 0, 0, 0);
}

/** close(2) */
export function close(fd: number): SysResult {
  return sys(c.close, fd);
}

/** shutdown(2) */
export function shutdown(fd: number, how: number): SysResult {
  return sys(c.shutdown, fd, how);
}

/** setsockopt(2) with a raw option value. */
export function setsockopt(fd: number, level: number, name: number, value: Buffer): SysResult {
  return sys(c.setsockopt, fd, level, name, value, value.length);
}

/** setsockopt(2) with an int value. */
export function setsockoptInt(fd: number, level: number, name: number, value: number): SysResult {
  const b = Buffer.alloc(4);
  b.writeInt32LE(value, 0);
  return setsockopt(fd, level, name, b);
}

/** getsockopt(2): the raw option value. */
export function getsockopt(fd: number, level: number, name: number, size: number): SysResult & { value: Buffer } {
  const value = Buffer.alloc(size);
  const len = [size];
  const r = sys(c.getsockopt, fd, level, name, value, len);
  return { ...r, value: value.subarray(0, len[0]) };
}

/** poll(2) on one descriptor: the returned events as a bit mask, 0 on timeout. */
export function poll(fd: number, events: number, timeoutMs: number): SysResult & { revents: number } {
  // struct pollfd { int fd; short events; short revents; }
  const pfd = Buffer.alloc(8);
  pfd.writeInt32LE(fd, 0);
  pfd.writeInt16LE(events, 4);
  const r = sys(c.poll, pfd, 1, timeoutMs);
  return { ...r, revents: pfd.readUInt16LE(6) };
}

function sigset(...signals: number[]): Buffer {
  const set = Buffer.alloc(platform.sigsetBytes);
  c.sigemptyset(set);
  for (const s of signals) c.sigaddset(set, s);
  return set;
}

/** Blocks SIGPIPE on the calling thread, so a failed write leaves it pending instead of acting on it. */
function blockSigpipe(): void {
  const r = sys(c.pthread_sigmask, platform.SIG_BLOCK, sigset(platform.SIGPIPE), Buffer.alloc(platform.sigsetBytes));
  if (r.ret !== 0) throw new Error(`pthread_sigmask(SIG_BLOCK, SIGPIPE) failed: ${errnoName(r.ret)}`);
}

/** The kqueue that counts SIGPIPEs sent to this process (darwin), once watchSigpipe() made it. */
let sigpipeQueue: number | undefined;
/** SIGPIPEs the kqueue counted that another thread of the lab took as its own (creditSigpipe). */
let credited = 0;

/**
 * Makes SIGPIPE visible to takeSigpipe(). Node ignores SIGPIPE. Linux: blocked, it stays pending
 * after the write that raised it. darwin drops an ignored signal even when blocked
 * (bsd/kern/kern_sig.c:2124-2128) but first posts it to every EVFILT_SIGNAL knote (kern_sig.c:2116-2118),
 * which counts it (filt_signal(), kern_sig.c:3253-3265): a kqueue watches it there.
 */
export function watchSigpipe(): void {
  if (platform.sigpipeWatch === 'pending') return blockSigpipe();
  if (sigpipeQueue !== undefined) return;
  const kq = sys(c.kqueue);
  if (kq.ret === -1) throw new Error(`kqueue() failed: ${errnoName(kq.errno ?? 0)}`);
  const change = keventBytes(platform.SIGPIPE, KQ.EVFILT_SIGNAL, KQ.EV_ADD | KQ.EV_CLEAR);
  const r = sys(c.kevent, kq.ret, change, 1, null, 0, null);
  if (r.ret === -1) throw new Error(`kevent(EVFILT_SIGNAL, SIGPIPE) failed: ${errnoName(r.errno ?? 0)}`);
  sigpipeQueue = kq.ret;
}

/** How many SIGPIPEs the kqueue counted since it was last asked (zero timeout: never waits). */
function countedSigpipes(): number {
  const out = Buffer.alloc(KEVENT_BYTES);
  const n = Number(c.kevent(sigpipeQueue, null, 0, out, 1, Buffer.alloc(16)));
  return n === 1 ? parseKevent(out).data : 0;
}

/** Whether SIGPIPE is pending; a pending one is consumed, so each write is judged on its own. */
export function takeSigpipe(): boolean {
  if (process.env.CLOSING_TIME_TEST_BREAK === 'sigpipe') return false; // a test breaking the mechanism, to watch the canary refuse
  if (platform.sigpipeWatch === 'kqueue') {
    if (sigpipeQueue === undefined) throw new Error('takeSigpipe() before watchSigpipe()');
    const fresh = countedSigpipes() - credited;
    credited = Math.max(0, -fresh);
    return fresh > 0;
  }
  const pending = Buffer.alloc(platform.sigsetBytes);
  c.sigpending(pending);
  if (c.sigismember(pending, platform.SIGPIPE) !== 1) return false;
  const zero = Buffer.alloc(16); // struct timespec { 0, 0 }
  c.sigtimedwait(sigset(platform.SIGPIPE), Buffer.alloc(256), zero);
  return true;
}

/**
 * Says that another thread of the lab raised a SIGPIPE and took it as its own: darwin's kqueue
 * counts every SIGPIPE of the process, so the next takeSigpipe() here leaves that one out.
 */
export function creditSigpipe(): void {
  if (platform.sigpipeWatch === 'kqueue') credited++;
}

/** Asks the kernel (sock_diag on Linux) for the state number of a loopback TCP connection by its ports. */
function tcpDiagState(diag: NonNullable<Platform['tcpDiag']>, localPort: number, remotePort: number): number | undefined {
  const fd = Number(c.socket(diag.domain, diag.type | platform.sock.CLOEXEC, diag.protocol));
  if (fd === -1) return undefined;
  try {
    const req = diag.request(localPort, remotePort);
    if (Number(c.send(fd, req, req.length, 0)) !== req.length) return undefined;
    if (poll(fd, platform.poll.IN, 1000).ret !== 1) return undefined;
    const reply = recv(fd, 8192, platform.msg.DONTWAIT);
    return reply.ret > 0 ? diag.stateOf(reply.data) : undefined;
  } finally {
    c.close(fd);
  }
}

/** sysctlbyname(2) into a buffer sized by asking first (with room for connections made meanwhile); undefined on failure. */
function sysctlBytes(name: string): Buffer | undefined {
  for (let attempt = 0; attempt < 3; attempt++) {
    const size = [0];
    if (Number(c.sysctlbyname(name, null, size, null, 0)) === -1) return undefined;
    const buf = Buffer.alloc(Math.ceil(size[0] * 1.25) + 4096);
    const len = [buf.length];
    if (Number(c.sysctlbyname(name, buf, len, null, 0)) === 0) return buf.subarray(0, len[0]);
    // the list grew past the room (ENOMEM): ask again
  }
  return undefined;
}

/**
 * The state number of a loopback TCP connection we may no longer hold an fd to, by its ports:
 * sock_diag on Linux, the kernel's list of TCP connections (sysctl pcblist_n) on darwin; undefined
 * when the kernel has none, or this platform has no way to ask.
 */
export function tcpStateByPorts(localPort: number, remotePort: number): number | undefined {
  if (platform.tcpDiag) return tcpDiagState(platform.tcpDiag, localPort, remotePort);
  if (!platform.pcblist) return undefined;
  const reply = sysctlBytes(platform.pcblist.sysctl);
  return reply && platform.pcblist.stateOf(reply, localPort, remotePort);
}

/**
 * Whether a thread of this process is blocked in a receive or a send system call right now:
 * /proc on Linux (platform.ts); on darwin, proc_pidinfo(PROC_PIDTHREADID64INFO) says only that the
 * thread is waiting in the kernel (TH_STATE_WAITING), not in which call: experimental.
 */
export function threadBlockedIn(tid: number, call: 'recv' | 'write'): boolean {
  if (platform.blockedIn) return platform.blockedIn(tid, call);
  if (!c.proc_pidinfo) return false;
  const info = Buffer.alloc(THREAD_INFO.bytes);
  const n = Number(c.proc_pidinfo(c.getpid(), THREAD_INFO.flavor, BigInt(tid), info, info.length));
  return n >= THREAD_INFO.runStateOffset + 4 && info.readInt32LE(THREAD_INFO.runStateOffset) === THREAD_INFO.waiting;
}
