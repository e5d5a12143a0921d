// Every number and layout that differs between kernels lives here, keyed by platform (Linux here,
// macOS in darwin.ts). Nothing else in the lab may assume Linux. What a platform's kernel cannot do
// (or the lab cannot yet do there) is a capability it lacks, with the reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import darwin from './darwin.ts';
import { procStat } from './proc-stat.ts';

/** Poll event names in the order the site prints them. */
export const POLL_NAMES = ['IN', 'PRI', 'OUT', 'ERR', 'HUP', 'NVAL', 'RDHUP'] as const;
/** One poll event name. */
export type PollName = (typeof POLL_NAMES)[number];

/**
 * The mechanisms a platform may have or lack, each with what it gives a scenario. A scenario that
 * needs one its platform lacks is not observed there, and its record says why (requireCapability()).
 */
export const CAPABILITIES = {
  tcpStateByPorts: 'the state of a TCP connection after close(), found by its ports',
  sigpipeWatch: 'whether a call raised SIGPIPE',
  threadState: 'whether the second thread is blocked in its call',
  deadPeers: 'a peer that goes silent (packets dropped)',
  seqpacket: 'Unix SOCK_SEQPACKET sockets',
  userTimeout: 'the TCP_USER_TIMEOUT option',
  packetCapture: 'the TCP segments crossing loopback',
  abstractNames: 'abstract Unix socket names',
} as const;
/** One of CAPABILITIES. */
export type Capability = keyof typeof CAPABILITIES;

/** The constants and struct layouts of one platform's socket API. */
export interface Platform {
  name: string;
  libc: string;
  af: { UNIX: number; INET: number; INET6: number };
  sock: { STREAM: number; DGRAM: number; SEQPACKET: number; NONBLOCK: number; CLOEXEC: number };
  /** Whether socket() takes NONBLOCK | CLOEXEC in its type; where not, fcntl sets them after (as libuv does). */
  sockTypeFlags: boolean;
  sol: { SOCKET: number; TCP: number };
  so: { ERROR: number; LINGER: number; KEEPALIVE: number; SNDBUF: number; RCVBUF: number; TYPE: number };
  tcp: { NODELAY: number; KEEPIDLE: number; KEEPINTVL: number; KEEPCNT: number; USER_TIMEOUT?: number; QUICKACK?: number };
  msg: { PEEK: number; DONTWAIT: number; NOSIGNAL: number };
  shut: { RD: number; WR: number; RDWR: number };
  poll: Record<PollName, number>;
  /** The C type of poll()'s count of descriptors (nfds_t). */
  pollCount: 'unsigned long' | 'uint32';
  fcntl: { GETFL: number; SETFL: number; O_NONBLOCK: number; SETFD: number; FD_CLOEXEC: number };
  EINPROGRESS: number;
  FIONREAD: number;
  CLONE_NEWNET: number;
  SIGPIPE: number;
  SIG_BLOCK: number;
  sigsetBytes: number;
  /** The longest Unix socket path, in bytes, without its NUL. */
  sunPathMax: number;
  errnoNames: Record<number, string>;
  /** struct linger { int l_onoff; int l_linger; } */
  linger(on: boolean, seconds: number): Buffer;
  /** A sockaddr for an IPv4 address and port. */
  sockaddrIn(address: string, port: number): Buffer;
  /** A sockaddr for a Unix path, or an abstract name when it starts with '@'. */
  sockaddrUn(path: string): Buffer;
  /** The port of a sockaddr written by getsockname(). */
  portOf(sockaddr: Buffer): number;
  /** How to read TCP_INFO with getsockopt(): where the state and (where there is one) the count of unacknowledged segments sit. */
  tcpInfo: { level: number; option: number; bytes: number; stateOffset: number; unackedOffset?: number };
  /** TCP state names by the number the kernel reports. */
  tcpStates: Record<number, string>;
  /**
   * How to ask the kernel for the state of a TCP connection we no longer hold an fd to, by its
   * 127.0.0.1 ports: a socket of `domain`/`type`/`protocol`, one request, one reply.
   */
  tcpDiag?: {
    domain: number;
    type: number;
    protocol: number;
    request(localPort: number, remotePort: number): Buffer;
    /** The state number in the reply, or undefined when the kernel has no such connection. */
    stateOf(reply: Buffer): number | undefined;
  };
  /** Where there is no tcpDiag: a sysctl whose reply lists every TCP connection, and how to find one's state in it. */
  pcblist?: { sysctl: string; stateOf(reply: Buffer, localPort: number, remotePort: number): number | undefined };
  /** How a write's SIGPIPE is seen: left pending by a blocked mask (Linux), or counted by a kqueue (darwin, where an ignored signal is dropped). */
  sigpipeWatch: 'pending' | 'kqueue';
  /** How to capture loopback TCP segments; absent where the lab cannot (yet). */
  capture?: PacketCapture;
  /** The capabilities this platform lacks, each with why. */
  lacks: Partial<Record<Capability, string>>;
  /** The capabilities it has whose mechanism no run on a real system has confirmed yet: every report names them. */
  experimental: Capability[];
  /** The open file descriptors of this process. */
  openFds(): number[];
  /** Whether a thread of this process is blocked (asleep, waiting on the socket) in a receive or a send system call right now; absent where libc must ask (libc.ts). */
  blockedIn?(tid: number, call: 'recv' | 'write'): boolean;
}

/**
 * A packet socket on the loopback interface that sees every TCP segment crossing it (Linux:
 * AF_PACKET, see packet(7)), with a classic BPF filter (SO_ATTACH_FILTER, see socket(7)).
 */
export interface PacketCapture {
  /** socket(domain, type, 0): a packet socket that receives nothing until it is bound. */
  domain: number;
  /** Cooked packets: each starts at its IP header, without a link-layer header. */
  type: number;
  /** The loopback interface's name, for if_nametoindex(). */
  loopback: string;
  /** sockaddr_ll for bind(): every protocol, on the interface with this index. */
  sockaddrLl(ifindex: number): Buffer;
  /** Bytes of the sockaddr_ll that recvfrom() fills in. */
  sockaddrLlBytes: number;
  /** sll_pkttype of a sockaddr_ll: PACKET_OUTGOING for the sender's copy. */
  pktTypeOf(addr: Buffer): number;
  /** The packet type of a packet's copy as its sender sent it; loopback shows each packet twice. */
  outgoing: number;
  /** Classic BPF's ancillary load of the packet type (SKF_AD_OFF + SKF_AD_PKTTYPE). */
  bpfPktTypeOffset: number;
  /** setsockopt(level, option) that attaches a classic BPF program. */
  attachFilter: { level: number; option: number };
  /** setsockopt(level, option) that sets the receive buffer past rmem_max (root). */
  rcvbufForce: { level: number; option: number };
  /** getsockopt(level, option): struct tpacket_stats { u32 packets; u32 drops; }, reset on read. */
  statistics: { level: number; option: number; dropsOffset: number };
}

// glibc / Linux <asm-generic/errno-base.h> and <asm-generic/errno.h>, 1 to 133.
const linuxErrno = `EPERM ENOENT ESRCH EINTR EIO ENXIO E2BIG ENOEXEC EBADF ECHILD EAGAIN ENOMEM EACCES
EFAULT ENOTBLK EBUSY EEXIST EXDEV ENODEV ENOTDIR EISDIR EINVAL ENFILE EMFILE ENOTTY ETXTBSY EFBIG
ENOSPC ESPIPE EROFS EMLINK EPIPE EDOM ERANGE EDEADLK ENAMETOOLONG ENOLCK ENOSYS ENOTEMPTY ELOOP -
ENOMSG EIDRM ECHRNG EL2NSYNC EL3HLT EL3RST ELNRNG EUNATCH ENOCSI EL2HLT EBADE EBADR EXFULL ENOANO
EBADRQC EBADSLT - EBFONT ENOSTR ENODATA ETIME ENOSR ENONET ENOPKG EREMOTE ENOLINK EADV ESRMNT ECOMM
EPROTO EMULTIHOP EDOTDOT EBADMSG EOVERFLOW ENOTUNIQ EBADFD EREMCHG ELIBACC ELIBBAD ELIBSCN ELIBMAX
ELIBEXEC EILSEQ ERESTART ESTRPIPE EUSERS ENOTSOCK EDESTADDRREQ EMSGSIZE EPROTOTYPE ENOPROTOOPT
EPROTONOSUPPORT ESOCKTNOSUPPORT EOPNOTSUPP EPFNOSUPPORT EAFNOSUPPORT EADDRINUSE EADDRNOTAVAIL
ENETDOWN ENETUNREACH ENETRESET ECONNABORTED ECONNRESET ENOBUFS EISCONN ENOTCONN ESHUTDOWN
ETOOMANYREFS ETIMEDOUT ECONNREFUSED EHOSTDOWN EHOSTUNREACH EALREADY EINPROGRESS ESTALE EUCLEAN
ENOTNAM ENAVAIL EISNAM EREMOTEIO EDQUOT ENOMEDIUM EMEDIUMTYPE ECANCELED ENOKEY EKEYEXPIRED
EKEYREVOKED EKEYREJECTED EOWNERDEAD ENOTRECOVERABLE ERFKILL EHWPOISON`
  .split(/\s+/)
  .reduce<Record<number, string>>((names, name, i) => {
    if (name !== '-') names[i + 1] = name;
    return names;
  }, {});

// include/net/tcp_states.h
const linuxTcpStates: Record<number, string> = {
  1: 'ESTABLISHED', 2: 'SYN_SENT', 3: 'SYN_RECV', 4: 'FIN_WAIT1', 5: 'FIN_WAIT2', 6: 'TIME_WAIT',
  7: 'CLOSE', 8: 'CLOSE_WAIT', 9: 'LAST_ACK', 10: 'LISTEN', 11: 'CLOSING', 12: 'NEW_SYN_RECV',
};

const linux: Platform = {
  name: 'linux',
  libc: 'libc.so.6',
  af: { UNIX: 1, INET: 2, INET6: 10 },
  sock: { STREAM: 1, DGRAM: 2, SEQPACKET: 5, NONBLOCK: 0o4000, CLOEXEC: 0o2000000 },
  sockTypeFlags: true,
  sol: { SOCKET: 1, TCP: 6 },
  so: { ERROR: 4, LINGER: 13, KEEPALIVE: 9, SNDBUF: 7, RCVBUF: 8, TYPE: 3 },
  tcp: { NODELAY: 1, KEEPIDLE: 4, KEEPINTVL: 5, KEEPCNT: 6, USER_TIMEOUT: 18, QUICKACK: 12 },
  msg: { PEEK: 0x2, DONTWAIT: 0x40, NOSIGNAL: 0x4000 },
  shut: { RD: 0, WR: 1, RDWR: 2 },
  poll: { IN: 0x1, PRI: 0x2, OUT: 0x4, ERR: 0x8, HUP: 0x10, NVAL: 0x20, RDHUP: 0x2000 },
  pollCount: 'unsigned long',
  fcntl: { GETFL: 3, SETFL: 4, O_NONBLOCK: 0o4000, SETFD: 2, FD_CLOEXEC: 1 },
  EINPROGRESS: 115,
  FIONREAD: 0x541b,
  CLONE_NEWNET: 0x40000000,
  SIGPIPE: 13,
  SIG_BLOCK: 0,
  sigsetBytes: 128,
  sunPathMax: 107,
  errnoNames: linuxErrno,
  linger(on, seconds) {
    const b = Buffer.alloc(8);
    b.writeInt32LE(on ? 1 : 0, 0);
    b.writeInt32LE(seconds, 4);
    return b;
  },
  sockaddrIn(address, port) {
    const b = Buffer.alloc(16);
    b.writeUInt16LE(2, 0); // sa_family_t, host order
    b.writeUInt16BE(port, 2); // network order
    address.split('.').forEach((octet, i) => b.writeUInt8(Number(octet), 4 + i));
    return b;
  },
  sockaddrUn(path) {
    const name = Buffer.from(path.startsWith('@') ? '\0' + path.slice(1) : path);
    if (name.length > 107) throw new Error(`Unix socket path too long (${name.length} > 107 bytes): ${path}`);
    const b = Buffer.alloc(2 + name.length + (path.startsWith('@') ? 0 : 1));
    b.writeUInt16LE(1, 0);
    name.copy(b, 2);
    return b;
  },
  portOf(sockaddr) {
    return sockaddr.readUInt16BE(2);
  },
  // struct tcp_info in include/uapi/linux/tcp.h: tcpi_state is its first byte, tcpi_unacked at 24.
  tcpInfo: { level: 6, option: 11, bytes: 256, stateOffset: 0, unackedOffset: 24 },
  tcpStates: linuxTcpStates,
  tcpDiag: {
    // sock_diag(7): NETLINK_SOCK_DIAG, one SOCK_DIAG_BY_FAMILY request for an exact 4-tuple.
    domain: 16, // AF_NETLINK
    type: 2, // SOCK_DGRAM
    protocol: 4, // NETLINK_SOCK_DIAG
    request(localPort, remotePort) {
      const b = Buffer.alloc(16 + 56);
      b.writeUInt32LE(b.length, 0); // nlmsg_len
      b.writeUInt16LE(20, 4); // nlmsg_type = SOCK_DIAG_BY_FAMILY
      b.writeUInt16LE(1, 6); // nlmsg_flags = NLM_F_REQUEST
      b.writeUInt8(2, 16); // sdiag_family = AF_INET
      b.writeUInt8(6, 17); // sdiag_protocol = IPPROTO_TCP
      b.writeUInt32LE(0xffffffff, 20); // idiag_states: any
      b.writeUInt16BE(localPort, 24); // id.idiag_sport
      b.writeUInt16BE(remotePort, 26); // id.idiag_dport
      Buffer.from([127, 0, 0, 1]).copy(b, 28); // id.idiag_src[0]
      Buffer.from([127, 0, 0, 1]).copy(b, 44); // id.idiag_dst[0]
      b.writeUInt32LE(0xffffffff, 64); // id.idiag_cookie = INET_DIAG_NOCOOKIE
      b.writeUInt32LE(0xffffffff, 68);
      return b;
    },
    stateOf(reply) {
      // An inet_diag_msg (idiag_state at 17) answers; NLMSG_ERROR (type 2) means no such socket.
      return reply.length >= 18 && reply.readUInt16LE(4) === 20 ? reply.readUInt8(17) : undefined;
    },
  },
  sigpipeWatch: 'pending',
  lacks: {},
  experimental: [],
  capture: {
    // <linux/if_packet.h>, <linux/if_ether.h>, <linux/filter.h>, <asm-generic/socket.h>
    domain: 17, // AF_PACKET
    type: 2 | 0o4000 | 0o2000000, // SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC
    loopback: 'lo',
    sockaddrLl(ifindex) {
      // struct sockaddr_ll { u16 family; be16 protocol; int ifindex; u16 hatype; u8 pkttype; u8 halen; u8 addr[8]; }
      const b = Buffer.alloc(20);
      b.writeUInt16LE(17, 0); // AF_PACKET
      b.writeUInt16BE(0x0003, 2); // htons(ETH_P_ALL)
      b.writeInt32LE(ifindex, 4);
      return b;
    },
    sockaddrLlBytes: 20,
    pktTypeOf: (addr) => addr.readUInt8(10),
    outgoing: 4, // PACKET_OUTGOING
    bpfPktTypeOffset: 0xfffff000 + 4, // SKF_AD_OFF (-0x1000) + SKF_AD_PKTTYPE
    attachFilter: { level: 1, option: 26 }, // SOL_SOCKET, SO_ATTACH_FILTER
    rcvbufForce: { level: 1, option: 33 }, // SOL_SOCKET, SO_RCVBUFFORCE
    statistics: { level: 263, option: 6, dropsOffset: 4 }, // SOL_PACKET, PACKET_STATISTICS
  },
  blockedIn(tid, call) {
    // /proc/self/task/TID/syscall: the number of the system call the thread is in, or "running".
    // recvfrom and read, sendto and write, by architecture (arch/arm64 uses asm-generic/unistd.h,
    // x86-64 arch/x86/entry/syscalls/syscall_64.tbl). Blocked means waiting for the socket, in an
    // interruptible sleep ('S' in /proc/self/task/TID/stat), not briefly for a lock ('D').
    const numbers: Record<string, Record<typeof call, number[]>> = {
      x64: { recv: [45, 0], write: [44, 1] },
      arm64: { recv: [207, 63], write: [206, 64] },
    };
    try {
      const first = readFileSync(`/proc/self/task/${tid}/syscall`, 'utf8').split(' ')[0];
      if (!(numbers[process.arch]?.[call] ?? []).includes(Number(first))) return false;
      return procStat('self', tid)?.state === 'S';
    } catch {
      return false;
    }
  },
  openFds() {
    // The listing includes the descriptor readdir itself held, closed by now: keep only those still open.
    return readdirSync('/proc/self/fd')
      .filter((fd) => existsSync(`/proc/self/fd/${fd}`))
      .map(Number)
      .sort((x, y) => x - y);
  },
};

/**
 * Every errno name a claim may use, on any platform: Linux's, and the BSD/macOS names Linux lacks
 * (<sys/errno.h> in XNU and FreeBSD), so a reported darwin claim is checked by the same grammar.
 */
export const KNOWN_ERRNO_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(linuxErrno),
  'EWOULDBLOCK', 'ENOTSUP', 'EPROCLIM', 'EBADRPC', 'ERPCMISMATCH', 'EPROGUNAVAIL', 'EPROGMISMATCH',
  'EPROCUNAVAIL', 'EFTYPE', 'EAUTH', 'ENEEDAUTH', 'EPWROFF', 'EDEVERR', 'EBADEXEC', 'EBADARCH',
  'ESHLIBVERS', 'EBADMACHO', 'ENOATTR', 'ENOPOLICY', 'EQFULL', 'EINTEGRITY', 'ECAPMODE', 'ENOTCAPABLE',
]);

/** Every platform whose constants are filled in, by Node's `process.platform` name. */
export const platforms: Record<string, Platform> = { linux, darwin };

/**
 * Platforms whose lab is written from their sources but has never run on one, by the name readers
 * know them by. A platform leaves this list once a CI report from it exists (.github/workflows/observe.yml).
 */
export const NOT_YET_RUN: Readonly<Record<string, string>> = { darwin: 'macOS' };

/** What everything says of such a platform ('written for macOS, not yet run on one'); undefined for one that has run. */
export function notYetRunWords(platform: string): string | undefined {
  const name = NOT_YET_RUN[platform];
  return name && `written for ${name}, not yet run on one`;
}

/** What the lab says on a system whose constants are not filled in (the site quotes it). */
export function noConstantsMessage(platform: string): string {
  return `closing-time has no socket constants for '${platform}' yet: add them to snippets/lab/platform.ts`;
}

/** The platform this process runs on; a clear error where its constants are not filled in yet. */
export function currentPlatform(): Platform {
  const p = platforms[process.platform];
  if (!p) throw new Error(noConstantsMessage(process.platform));
  return p;
}

/** Why this platform lacks `capability`, or undefined when it has it. */
export function lacks(capability: Capability, platform: Platform = currentPlatform()): string | undefined {
  return platform.lacks[capability];
}
