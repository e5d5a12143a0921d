// TCP segments as the capture reads them: the IPv4 and TCP headers, flag names, and the classic
// BPF program that picks a run's segments out of everything on loopback. Pure: no system calls.
import type { PacketCapture } from './platform.ts';

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
