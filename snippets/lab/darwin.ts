// macOS (darwin) constants, struct layouts and the parsers of what its kernel writes, read from
// XNU's headers; written for macOS, not yet run on one. Every number cites its header and line at
// the tag xnu-11417.101.15 (macOS 15; the same values at xnu-8792 and xnu-10063, macOS 13 and 14).
// Pure data and byte work: importing this module binds nothing (libc-darwin.ts does, on darwin only).
import { existsSync, readdirSync } from 'node:fs';
import type { Platform } from './platform.ts';

/** The XNU tag the line numbers below refer to. */
export const XNU_TAG = 'xnu-11417.101.15';

// bsd/sys/errno.h:90-264, 1 to ELAST (106, line 265). EOPNOTSUPP is 102 for __DARWIN_UNIX03 code
// (line 253), which libSystem's socket calls return; EWOULDBLOCK is EAGAIN (line 132).
const darwinErrno = `EPERM ENOENT ESRCH EINTR EIO ENXIO E2BIG ENOEXEC EBADF ECHILD EDEADLK ENOMEM EACCES
EFAULT ENOTBLK EBUSY EEXIST EXDEV ENODEV ENOTDIR EISDIR EINVAL ENFILE EMFILE ENOTTY ETXTBSY EFBIG ENOSPC
ESPIPE EROFS EMLINK EPIPE EDOM ERANGE EAGAIN EINPROGRESS EALREADY ENOTSOCK EDESTADDRREQ EMSGSIZE
EPROTOTYPE ENOPROTOOPT EPROTONOSUPPORT ESOCKTNOSUPPORT ENOTSUP EPFNOSUPPORT EAFNOSUPPORT EADDRINUSE
EADDRNOTAVAIL ENETDOWN ENETUNREACH ENETRESET ECONNABORTED ECONNRESET ENOBUFS EISCONN ENOTCONN ESHUTDOWN
ETOOMANYREFS ETIMEDOUT ECONNREFUSED ELOOP ENAMETOOLONG EHOSTDOWN EHOSTUNREACH ENOTEMPTY EPROCLIM EUSERS
EDQUOT ESTALE EREMOTE EBADRPC ERPCMISMATCH EPROGUNAVAIL EPROGMISMATCH EPROCUNAVAIL ENOLCK ENOSYS EFTYPE
EAUTH ENEEDAUTH EPWROFF EDEVERR EOVERFLOW EBADEXEC EBADARCH ESHLIBVERS EBADMACHO ECANCELED EIDRM ENOMSG
EILSEQ ENOATTR EBADMSG EMULTIHOP ENODATA ENOLINK ENOSR ENOSTR EPROTO ETIME EOPNOTSUPP ENOPOLICY
ENOTRECOVERABLE EOWNERDEAD EQFULL`
  .split(/\s+/)
  .reduce<Record<number, string>>((names, name, i) => ({ ...names, [i + 1]: name }), {});

/** The largest errno number darwin defines (ELAST, bsd/sys/errno.h:265). */
export const DARWIN_ELAST = 106;

// bsd/netinet/tcp_fsm.h:75-88 (TCPS_*).
const darwinTcpStates: Record<number, string> = {
  0: 'CLOSED', 1: 'LISTEN', 2: 'SYN_SENT', 3: 'SYN_RECEIVED', 4: 'ESTABLISHED', 5: 'CLOSE_WAIT',
  6: 'FIN_WAIT_1', 7: 'CLOSING', 8: 'LAST_ACK', 9: 'FIN_WAIT_2', 10: 'TIME_WAIT',
};

/** The kind of each record in net.inet.tcp.pcblist_n (bsd/sys/socketvar.h:499-500, XSO_INPCB and XSO_TCPCB). */
export const XSO = { INPCB: 0x10, TCPCB: 0x20 } as const;

/**
 * The TCP state number of the loopback connection with these ports, in the bytes that
 * sysctlbyname("net.inet.tcp.pcblist_n") returns; undefined when it holds no such connection.
 * The reply (get_pcblist_n(), bsd/netinet/in_pcblist.c:355-470) is a struct xinpgen (its length
 * first, bsd/netinet/in_pcb.h:520-525), one item per PCB, and the xinpgen again. Each item is a
 * row of records, each starting with its length and kind (u32, u32) and padded to 8 bytes
 * (ROUNDUP64, in_pcblist.c:98-103): struct xinpcb_n with inp_fport at 16 and inp_lport at 18, in
 * network order (in_pcb.h:485-490), and struct xtcpcb_n with t_state at 36 (tcp_var.h:1609-1618).
 * PCBs being torn down (INPCB_STATE_DEAD) are left out by the kernel (in_pcblist.c:394, 406).
 */
export function pcblistState(reply: Buffer, localPort: number, remotePort: number): number | undefined {
  if (reply.length < 8) return undefined;
  const genLength = reply.readUInt32LE(0);
  const end = reply.length - genLength;
  let ports: [number, number] | undefined;
  for (let at = genLength; at + 8 <= end; ) {
    const length = reply.readUInt32LE(at);
    const kind = reply.readUInt32LE(at + 4);
    if (length < 8 || at + length > end) return undefined; // not the layout read from the headers
    if (kind === XSO.INPCB && length >= 20) ports = [reply.readUInt16BE(at + 18), reply.readUInt16BE(at + 16)];
    if (kind === XSO.TCPCB && length >= 40 && ports?.[0] === localPort && ports[1] === remotePort) return reply.readInt32LE(at + 36);
    if (kind === XSO.TCPCB) ports = undefined;
    at += Math.ceil(length / 8) * 8;
  }
  return undefined;
}

/**
 * struct kevent (bsd/sys/event.h:94-101, 64-bit): ident u64 @0, filter i16 @8, flags u16 @10,
 * fflags u32 @12, data i64 @16, udata @24; 32 bytes.
 */
export const KEVENT_BYTES = 32;

/** The kqueue constants the SIGPIPE watch uses (bsd/sys/event.h:75, 144, 151, 175). */
export const KQ = { EVFILT_SIGNAL: -6, EV_ADD: 0x1, EV_CLEAR: 0x20, EV_ERROR: 0x4000 } as const;

/** One struct kevent asking for `filter` on `ident` with `flags`. */
export function keventBytes(ident: number, filter: number, flags: number): Buffer {
  const b = Buffer.alloc(KEVENT_BYTES);
  b.writeBigUInt64LE(BigInt(ident), 0);
  b.writeInt16LE(filter, 8);
  b.writeUInt16LE(flags, 10);
  return b;
}

/** What a struct kevent returned by kevent() says: its ident, filter, flags and data. */
export function parseKevent(b: Buffer): { ident: number; filter: number; flags: number; data: number } {
  return { ident: Number(b.readBigUInt64LE(0)), filter: b.readInt16LE(8), flags: b.readUInt16LE(10), data: Number(b.readBigInt64LE(16)) };
}

/**
 * proc_pidinfo(pid, PROC_PIDTHREADID64INFO, thread id, buffer, size) fills a struct proc_threadinfo
 * (bsd/sys/proc_info.h:155-167, 112 bytes: two u64, eight i32, a 64-byte name); pth_run_state is at
 * 24, and TH_STATE_WAITING (3, line 212) means waiting in the kernel (line 761: flavor 15).
 */
export const THREAD_INFO = { flavor: 15, bytes: 112, runStateOffset: 24, waiting: 3 } as const;

const darwin: Platform = {
  name: 'darwin',
  libc: '/usr/lib/libSystem.B.dylib',
  af: { UNIX: 1, INET: 2, INET6: 30 }, // bsd/sys/socket.h:387, 391, 422
  // socket.h:113, 114, 119; darwin has no SOCK_NONBLOCK/SOCK_CLOEXEC: fcntl sets them (sockTypeFlags).
  sock: { STREAM: 1, DGRAM: 2, SEQPACKET: 5, NONBLOCK: 0, CLOEXEC: 0 },
  sockTypeFlags: false,
  sol: { SOCKET: 0xffff, TCP: 6 }, // socket.h:380; IPPROTO_TCP
  // socket.h:166, 133 (SO_LINGER_SEC: plain SO_LINGER, 0x80, counts ticks), 127, 160, 161, 167
  so: { ERROR: 0x1007, LINGER: 0x1080, KEEPALIVE: 0x8, SNDBUF: 0x1001, RCVBUF: 0x1002, TYPE: 0x1008 },
  // bsd/netinet/tcp.h:221, 226 (TCP_KEEPALIVE is the idle time), 240, 241; no TCP_USER_TIMEOUT, no TCP_QUICKACK
  tcp: { NODELAY: 0x1, KEEPIDLE: 0x10, KEEPINTVL: 0x101, KEEPCNT: 0x102 },
  msg: { PEEK: 0x2, DONTWAIT: 0x80, NOSIGNAL: 0x80000 }, // socket.h:614, 621, 637
  shut: { RD: 0, WR: 1, RDWR: 2 }, // socket.h:737-739
  // bsd/sys/poll.h:68-70, 89-91; no POLLRDHUP (after a FIN XNU sets HUP, sys_generic.c:1859-1860)
  poll: { IN: 0x1, PRI: 0x2, OUT: 0x4, ERR: 0x8, HUP: 0x10, NVAL: 0x20, RDHUP: 0 },
  pollCount: 'uint32', // nfds_t is unsigned int (poll.h:102)
  // bsd/sys/fcntl.h:281, 282, 115, 280, 450
  fcntl: { GETFL: 3, SETFL: 4, O_NONBLOCK: 0x4, SETFD: 2, FD_CLOEXEC: 1 },
  EINPROGRESS: 36, // errno.h:133
  FIONREAD: 0x4004667f, // _IOR('f', 127, int), bsd/sys/filio.h:77
  CLONE_NEWNET: 0,
  SIGPIPE: 13, // bsd/sys/signal.h:101
  SIG_BLOCK: 1, // signal.h:488
  sigsetBytes: 4, // __darwin_sigset_t is a u32 (bsd/sys/_types.h:96)
  sunPathMax: 103, // sun_path[104] with its NUL (bsd/sys/un.h:79)
  errnoNames: darwinErrno,
  linger(on, seconds) {
    const b = Buffer.alloc(8); // struct linger { int l_onoff; int l_linger; } (socket.h)
    b.writeInt32LE(on ? 1 : 0, 0);
    b.writeInt32LE(seconds, 4);
    return b;
  },
  sockaddrIn(address, port) {
    // struct sockaddr_in (bsd/netinet/in.h:385-391): sin_len, sin_family (u8 each), port, address, zero[8]
    const b = Buffer.alloc(16);
    b.writeUInt8(16, 0);
    b.writeUInt8(2, 1);
    b.writeUInt16BE(port, 2);
    address.split('.').forEach((octet, i) => b.writeUInt8(Number(octet), 4 + i));
    return b;
  },
  sockaddrUn(path) {
    // struct sockaddr_un (bsd/sys/un.h:76-80): sun_len, sun_family, sun_path[104]; no abstract names
    if (path.startsWith('@')) throw new Error(`darwin has no abstract Unix socket names: ${path}`);
    const name = Buffer.from(path);
    if (name.length > 103) throw new Error(`Unix socket path too long (${name.length} > 103 bytes): ${path}`);
    const b = Buffer.alloc(2 + name.length + 1);
    b.writeUInt8(b.length, 0);
    b.writeUInt8(1, 1);
    name.copy(b, 2);
    return b;
  },
  portOf(sockaddr) {
    return sockaddr.readUInt16BE(2);
  },
  // TCP_CONNECTION_INFO (tcp.h:245): struct tcp_connection_info (tcp.h:254-), tcpi_state its first
  // byte; it has no count of unacknowledged segments (unackedOffset absent).
  tcpInfo: { level: 6, option: 0x106, bytes: 112, stateOffset: 0 },
  tcpStates: darwinTcpStates,
  pcblist: { sysctl: 'net.inet.tcp.pcblist_n', stateOf: pcblistState },
  sigpipeWatch: 'kqueue',
  lacks: {
    deadPeers: 'dead peers need Linux network namespaces and nftables; the macOS way (pf rules on lo0) is not built yet',
    seqpacket: 'XNU has no SOCK_SEQPACKET for Unix sockets (bsd/kern/uipc_proto.c:85-94 lists stream and datagram only)',
    userTimeout: 'XNU has no TCP_USER_TIMEOUT (the nearest, TCP_RXT_CONNDROPTIME, counts seconds: bsd/netinet/tcp.h:232)',
    packetCapture: 'the lab captures packets with a Linux packet socket; the macOS way (BPF on lo0) is not built yet',
    abstractNames: 'darwin has no abstract Unix socket names (sun_path is always a file, bsd/sys/un.h:79)',
  },
  // Read from XNU's private headers or never confirmed on a Mac: flagged in every report until CI runs agree.
  experimental: ['tcpStateByPorts', 'threadState'],
  openFds() {
    // fdesc lists this process's descriptors (bsd/miscfs/devfs/devfs_fdesc_support.c); keep those still open.
    return readdirSync('/dev/fd')
      .filter((fd) => existsSync(`/dev/fd/${fd}`))
      .map(Number)
      .sort((x, y) => x - y);
  },
};

/** The darwin platform: constants and layouts only (nothing is bound by importing it). */
export default darwin;
