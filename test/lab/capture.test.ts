// The packet capture: header parsing and the BPF program, and, as root, one real loopback pair.
import { afterEach, describe, expect, it } from 'vitest';
import { Capture, captureUnavailable } from '../../snippets/lab/capture.ts';
import { flagNames, parseTcp, tcpPortFilter } from '../../snippets/lab/segments.ts';
import { tcpListener, tcpSocket } from '../../snippets/lab/index.ts';
import { currentPlatform, platforms } from '../../snippets/lab/platform.ts';
import { installRecorder, type Recorder } from '../../snippets/lab/recorder.ts';

let r: Recorder | undefined;
afterEach(() => r?.dispose());

/** An IPv4 TCP packet as a packet socket hands it over: IP header, TCP header, payload. */
function packet(o: { sport: number; dport: number; seq: number; ack: number; flags: number; win: number; payload?: number; wscale?: number }): Buffer {
  const options = o.wscale === undefined ? Buffer.alloc(0) : Buffer.from([1, 3, 3, o.wscale]);
  const tcp = Buffer.alloc(20 + options.length);
  tcp.writeUInt16BE(o.sport, 0);
  tcp.writeUInt16BE(o.dport, 2);
  tcp.writeUInt32BE(o.seq, 4);
  tcp.writeUInt32BE(o.ack, 8);
  tcp[12] = (tcp.length / 4) << 4;
  tcp[13] = o.flags;
  tcp.writeUInt16BE(o.win, 14);
  options.copy(tcp, 20);
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + tcp.length + (o.payload ?? 0), 2);
  ip[9] = 6;
  return Buffer.concat([ip, tcp, Buffer.alloc(Math.min(o.payload ?? 0, 16))]);
}

describe('parsing a captured segment', () => {
  it('reads ports, numbers, flags, payload length and the window scale option', () => {
    const h = parseTcp(packet({ sport: 40000, dport: 5000, seq: 0xfffffff0, ack: 7, flags: 0x12, win: 65483, wscale: 7 }));
    expect(h).toEqual({ sport: 40000, dport: 5000, seq: 0xfffffff0, ack: 7, flags: 0x12, len: 0, window: 65483, wscale: 7 });
    expect(parseTcp(packet({ sport: 1, dport: 2, seq: 1, ack: 1, flags: 0x18, win: 512, payload: 5 }))?.len).toBe(5);
  });
  it('ignores what is not IPv4 TCP', () => {
    const udp = packet({ sport: 1, dport: 2, seq: 0, ack: 0, flags: 0, win: 0 });
    udp[9] = 17;
    expect(parseTcp(udp)).toBeUndefined();
    expect(parseTcp(Buffer.from([0x60, 0, 0, 0]))).toBeUndefined();
  });
  it('names flags in a fixed order', () => {
    expect(flagNames(0x11)).toBe('FIN ACK');
    expect(flagNames(0x14)).toBe('RST ACK');
    expect(flagNames(0x18)).toBe('PSH ACK');
    expect(flagNames(0x02)).toBe('SYN');
  });
});

/**
 * Runs a classic BPF program (the few instructions tcpPortFilter uses, <linux/filter.h>) on a packet
 * the way the kernel would: how many bytes it keeps (0: dropped). `pktType` is what the kernel
 * reports for the copy (the sender's copy on loopback is the outgoing one).
 */
function runBpf(prog: Buffer, pkt: Buffer, pktType: number, cfg: { bpfPktTypeOffset: number }): number {
  let a = 0;
  let x = 0;
  for (let pc = 0; pc < prog.length / 8; pc++) {
    const [code, jt, jf, k] = [prog.readUInt16LE(pc * 8), prog[pc * 8 + 2], prog[pc * 8 + 3], prog.readUInt32LE(pc * 8 + 4)];
    if (code === 0x20) a = k === cfg.bpfPktTypeOffset ? pktType : pkt.readUInt32BE(k); // ld [k] (an ancillary field)
    else if (code === 0x30) a = pkt[k]; // ldb [k]
    else if (code === 0x54) a &= k; // and #k
    else if (code === 0xb1) x = 4 * (pkt[k] & 0xf); // ldxb 4*([k]&0xf)
    else if (code === 0x48) a = pkt.readUInt16BE(x + k); // ldh [x+k]
    else if (code === 0x15) pc += a === k ? jt : jf; // jeq #k
    else if (code === 0x06) return k; // ret #k
    else throw new Error(`instruction ${code.toString(16)} not understood by this test`);
  }
  throw new Error('fell off the end of the program');
}

// The filter is Linux's (a packet socket's): its configuration comes from the Linux platform table, on any host.
describe('the BPF program', () => {
  const cfg = platforms.linux.capture!;
  const tcp = (sport: number, dport: number) => packet({ sport, dport, seq: 1, ack: 1, flags: 0x10, win: 1 });
  it("keeps the sender's copy of each segment from or to one of the ports, and nothing else", () => {
    const prog = tcpPortFilter([5000, 6000], cfg, 256);
    expect(runBpf(prog, tcp(5000, 40000), cfg.outgoing, cfg)).toBe(256);
    expect(runBpf(prog, tcp(40000, 6000), cfg.outgoing, cfg)).toBe(256);
    expect(runBpf(prog, tcp(40000, 7000), cfg.outgoing, cfg)).toBe(0);
    expect(runBpf(prog, tcp(5000, 40000), cfg.outgoing + 1, cfg)).toBe(0);
    const udp = tcp(5000, 40000);
    udp[9] = 17;
    expect(runBpf(prog, udp, cfg.outgoing, cfg)).toBe(0);
  });
  it('jumps stay inside the program', () => {
    const prog = tcpPortFilter([1, 2, 3], cfg);
    const n = prog.length / 8;
    for (let i = 0; i < n; i++) {
      if ((prog[i * 8] & 0x07) !== 0x05) continue; // only BPF_JMP instructions jump
      expect(i + 1 + prog[i * 8 + 2]).toBeLessThanOrEqual(n - 1);
      expect(i + 1 + prog[i * 8 + 3]).toBeLessThanOrEqual(n - 1);
    }
  });
});

describe.skipIf(captureUnavailable() !== undefined || !currentPlatform().capture)('capturing a loopback connection (root)', () => {
  it('sees the handshake, data, FIN and the ACKs once each, numbered from each side’s first sequence number', () => {
    r = installRecorder();
    const cap = Capture.open();
    try {
      const server = tcpListener();
      cap.watch(server.port);
      const a = tcpSocket();
      a.connect(server.port);
      const b = server.acceptPending();
      a.poll('OUT');
      expect(cap.drain().map((s) => `${s.from} ${s.flags} ${s.seq}:${s.ack}`)).toEqual(['a SYN 0:0', 'b SYN ACK 0:1', 'a ACK 1:1']);
      a.write('hello');
      const data = cap.drain();
      expect(data[0]).toMatchObject({ from: 'a', flags: 'PSH ACK', seq: 1, ack: 1, len: 5 });
      b.read();
      b.close();
      expect(cap.drain()[0]).toMatchObject({ from: 'b', flags: 'FIN ACK', seq: 1, ack: 6, len: 0 });
      a.write('unread');
      a.close();
      expect(cap.drain().map((s) => s.flags)).toContain('RST');
    } finally {
      expect(cap.close()).toBe(0);
    }
  });
});
