// The TCP segments that cross loopback during a run, seen by a packet socket on the loopback
// interface (root only). A classic BPF filter in the kernel keeps only the segments to or from the
// run's listening ports, and only the sender's copy: on loopback every packet passes the packet
// socket twice, once going out and once coming back in.
import { statSync } from 'node:fs';
import * as libc from './libc.ts';
import { currentPlatform, type PacketCapture } from './platform.ts';

const platform = currentPlatform();

/** TCP header flag bits, in the order flags are printed ('SYN ACK', 'FIN ACK', 'PSH ACK'). */
export const TCP_FLAGS = { SYN: 0x02, FIN: 0x01, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 } as const;

/** One TCP segment as it crossed the wire; sequence numbers are relative to each side's first. */
export interface Segment {
  /** Who sent it: 'b' is the side on the listening port, 'a' the side that connected. */
  from: 'a' | 'b';
  /** Its flags, e.g. 'FIN ACK'. */
  flags: string;
  /** Its sequence number, relative to the sender's initial sequence number (its SYN's, else the first seen). */
  seq: number;
  /** Its acknowledgement number, relative to the receiver's initial sequence number; 0 without ACK. */
  ack: number;
  /** Payload bytes. */
  len: number;
  /** The receive window it advertises, in bytes (window scaling applied). */
  win: number;
  /** Set when it carries only sequence space its sender had already sent. */
  retransmit?: true;
}

/** The fields of an IPv4 TCP segment the capture reads. */
export interface TcpHeader {
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  len: number;
  window: number;
  /** The window scale option, on a SYN that carries one. */
  wscale?: number;
}

/** Parses an IPv4 packet (from its IP header on) holding a TCP segment; undefined for anything else. */
export function parseTcp(packet: Buffer): TcpHeader | undefined {
  if (packet.length < 20 || packet[0] >> 4 !== 4 || packet[9] !== 6) return undefined;
  const ihl = (packet[0] & 0x0f) * 4;
  const total = packet.readUInt16BE(2);
  if (packet.length < ihl + 20) return undefined;
  const tcp = packet.subarray(ihl);
  const doff = (tcp[12] >> 4) * 4;
  const h: TcpHeader = {
    sport: tcp.readUInt16BE(0),
    dport: tcp.readUInt16BE(2),
    seq: tcp.readUInt32BE(4),
    ack: tcp.readUInt32BE(8),
    flags: tcp[13],
    len: Math.max(total - ihl - doff, 0),
    window: tcp.readUInt16BE(14),
  };
  // Options (RFC 9293 §3.1): kind 0 ends them, 1 pads, 3 is the window scale (RFC 7323 §2).
  for (let i = 20; i < Math.min(doff, tcp.length); ) {
    const kind = tcp[i];
    if (kind === 0) break;
    if (kind === 1) {
      i++;
      continue;
    }
    const size = tcp[i + 1];
    if (!size || size < 2) break;
    if (kind === 3 && size === 3) h.wscale = tcp[i + 2];
    i += size;
  }
  return h;
}

/** A flag bit mask as names, e.g. 0x11 → 'FIN ACK'. */
export function flagNames(bits: number): string {
  return Object.entries(TCP_FLAGS)
    .filter(([, bit]) => (bits & bit) !== 0)
    .map(([name]) => name)
    .join(' ');
}

/**
 * A classic BPF program (8 bytes an instruction, see <linux/filter.h>) that keeps the first
 * `snap` bytes of the sender's copy of each IPv4 TCP segment from or to one of `ports`.
 */
export function tcpPortFilter(ports: number[], cfg: Pick<PacketCapture, 'bpfPktTypeOffset' | 'outgoing'>, snap = 256): Buffer {
  type Jump = number | 'accept' | 'drop';
  const prog: [code: number, jt: Jump, jf: Jump, k: number][] = [
    [0x20, 0, 0, cfg.bpfPktTypeOffset], // ld  #pkttype
    [0x15, 0, 'drop', cfg.outgoing], //    jeq #PACKET_OUTGOING
    [0x30, 0, 0, 0], //                    ldb [0]
    [0x54, 0, 0, 0xf0], //                 and #0xf0
    [0x15, 0, 'drop', 0x40], //            jeq #0x40: IPv4
    [0x30, 0, 0, 9], //                    ldb [9]
    [0x15, 0, 'drop', 6], //               jeq #6: TCP
    [0xb1, 0, 0, 0], //                    ldxb 4*([0]&0xf): X = IP header length
    [0x48, 0, 0, 0], //                    ldh [x+0]: source port
    ...ports.map((p): [number, Jump, Jump, number] => [0x15, 'accept', 0, p]),
    [0x48, 0, 0, 2], //                    ldh [x+2]: destination port
    ...ports.map((p): [number, Jump, Jump, number] => [0x15, 'accept', 0, p]),
  ];
  const drop = prog.length;
  const accept = drop + 1;
  const out = Buffer.alloc((prog.length + 2) * 8);
  const rel = (at: number, j: Jump) => (j === 'accept' ? accept : j === 'drop' ? drop : at + 1 + j) - (at + 1);
  prog.forEach(([code, jt, jf, k], i) => {
    out.writeUInt16LE(code, i * 8);
    out.writeUInt8(rel(i, jt), i * 8 + 2);
    out.writeUInt8(rel(i, jf), i * 8 + 3);
    out.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  out.writeUInt16LE(0x06, drop * 8); // ret #0
  out.writeUInt16LE(0x06, accept * 8); // ret #snap
  out.writeUInt32LE(snap, accept * 8 + 4);
  return out;
}

/** Why segments cannot be captured here, or undefined when they can. */
export function captureUnavailable(): string | undefined {
  if (process.env.CLOSING_TIME_CAPTURE === '0') return 'capture was turned off (CLOSING_TIME_CAPTURE=0)';
  if (!platform.capture) return `the lab cannot capture packets on ${platform.name} yet`;
  if (process.getuid?.() !== 0) return 'capturing packets needs root (CAP_NET_RAW), for a packet socket on the loopback interface';
  return undefined;
}

/** What the capture knows about one direction of one connection. */
interface Direction {
  /** Initial sequence number: of its SYN, else of the first segment seen. */
  isn: number;
  /** The window scale it announced on its SYN. */
  wscale?: number;
  /** The relative sequence number just past the highest it has sent. */
  sent: number;
}

/** The network namespace the calling thread is in, by inode. */
function namespaceOfThread(): number {
  return statSync('/proc/thread-self/ns/net').ino;
}

/** A packet socket capturing the TCP segments to and from a set of ports on loopback. */
export class Capture {
  private readonly ports = new Set<number>();
  private readonly directions = new Map<string, Direction>();
  private readonly fd: number;
  private readonly cfg: PacketCapture;
  /** The network namespace the capture sees: the one its creating thread was in. */
  readonly namespace: number;

  private constructor(fd: number, cfg: PacketCapture) {
    this.fd = fd;
    this.cfg = cfg;
    this.namespace = namespaceOfThread();
  }

  /** Opens a capture on the loopback interface of the calling thread's network namespace; it sees nothing until `watch()`. */
  static open(): Capture {
    const why = captureUnavailable();
    if (why) throw new Error(why);
    const cfg = platform.capture!;
    const check = (r: libc.SysResult, what: string) => {
      if (r.ret === -1) throw new Error(`capture: ${what} failed: ${libc.errnoName(r.errno ?? 0)}`);
      return r.ret;
    };
    // Protocol 0: the socket receives nothing until bind() names one, so no packet slips in
    // before the filter is attached.
    const fd = check(libc.socket(cfg.domain, cfg.type, 0), 'socket(AF_PACKET)');
    try {
      const capture = new Capture(fd, cfg);
      capture.attach();
      // A data segment on loopback may be 64 KiB; the default buffer holds only a few such copies.
      check(libc.setsockoptInt(fd, cfg.rcvbufForce.level, cfg.rcvbufForce.option, 8 << 20), 'setsockopt(SO_RCVBUFFORCE)');
      const ifindex = libc.ifNameToIndex(cfg.loopback);
      if (ifindex === 0) throw new Error(`capture: no interface named ${cfg.loopback}`);
      check(libc.bind(fd, cfg.sockaddrLl(ifindex)), `bind(${cfg.loopback})`);
      return capture;
    } catch (e) {
      libc.close(fd);
      throw e;
    }
  }

  /** Also captures the segments from or to `port` (a listening port of the run). */
  watch(port: number): void {
    if (namespaceOfThread() !== this.namespace) {
      throw new Error('capture: one run can capture in one network namespace only');
    }
    this.ports.add(port);
    this.attach();
  }

  private attach(): void {
    const program = tcpPortFilter([...this.ports], this.cfg);
    const r = libc.attachFilter(this.fd, this.cfg.attachFilter.level, this.cfg.attachFilter.option, program);
    if (r.ret === -1) throw new Error(`capture: SO_ATTACH_FILTER failed: ${libc.errnoName(r.errno ?? 0)}`);
  }

  /** The segments captured since the last drain, in the order they were sent; never waits. */
  drain(): Segment[] {
    const out: Segment[] = [];
    for (;;) {
      const r = libc.recvfrom(this.fd, 256, platform.msg.DONTWAIT, this.cfg.sockaddrLlBytes);
      if (r.ret === -1) {
        if (libc.errnoName(r.errno ?? 0) === 'EAGAIN') return out;
        throw new Error(`capture: recvfrom failed: ${libc.errnoName(r.errno ?? 0)}`);
      }
      // The filter keeps only the sender's copy already; the address says so too.
      if (this.cfg.pktTypeOf(r.addr) !== this.cfg.outgoing) continue;
      const h = parseTcp(r.data);
      if (h && (this.ports.has(h.sport) || this.ports.has(h.dport))) out.push(this.segmentOf(h));
    }
  }

  private segmentOf(h: TcpHeader): Segment {
    const syn = (h.flags & TCP_FLAGS.SYN) !== 0;
    const fin = (h.flags & TCP_FLAGS.FIN) !== 0;
    const key = `${h.sport}>${h.dport}`;
    const backKey = `${h.dport}>${h.sport}`;
    let dir = this.directions.get(key);
    if (!dir || (syn && h.seq !== dir.isn)) {
      // A new connection (a SYN with a new sequence number may reuse the same ports).
      dir = { isn: h.seq, sent: 0, wscale: syn ? h.wscale : undefined };
      this.directions.set(key, dir);
      if (syn && !(h.flags & TCP_FLAGS.ACK)) this.directions.delete(backKey);
    }
    const back = this.directions.get(backKey);
    const seq = (h.seq - dir.isn) >>> 0;
    const end = seq + h.len + (syn ? 1 : 0) + (fin ? 1 : 0);
    const retransmit = end > seq && end <= dir.sent;
    dir.sent = Math.max(dir.sent, end);
    // RFC 7323 §2.2: windows are scaled once both SYNs carried the option, never on a SYN itself.
    const scale = !syn && dir.wscale !== undefined && back?.wscale !== undefined ? dir.wscale : 0;
    return {
      from: this.ports.has(h.sport) ? 'b' : 'a',
      flags: flagNames(h.flags),
      seq,
      ack: h.flags & TCP_FLAGS.ACK && back ? (h.ack - back.isn) >>> 0 : 0,
      len: h.len,
      win: h.window * 2 ** scale,
      ...(retransmit ? { retransmit: true as const } : {}),
    };
  }

  /** Closes the capture: how many segments the kernel dropped because its buffer was full. */
  close(): number {
    const { level, option, dropsOffset } = this.cfg.statistics;
    const stats = libc.getsockopt(this.fd, level, option, 8);
    libc.close(this.fd);
    return stats.ret === -1 ? 0 : stats.value.readUInt32LE(dropsOffset);
  }
}
