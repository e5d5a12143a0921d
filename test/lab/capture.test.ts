// The packet capture: header parsing and the BPF program, and, as root, one real loopback pair.
import { afterEach, describe, expect, it } from 'vitest';
import { Capture, captureUnavailable } from '../../snippets/lab/capture.ts';
import { flagNames, parseTcp, tcpPortFilter } from '../../snippets/lab/segments.ts';
import { tcpListener, tcpSocket } from '../../snippets/lab/index.ts';
import { currentPlatform } from '../../snippets/lab/platform.ts';
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

describe('the BPF program', () => {
  const cfg = { bpfPktTypeOffset: 0xfffff004, outgoing: 4 };
  it('has one comparison per port and direction, and ends in drop then accept', () => {
    const prog = tcpPortFilter([5000, 6000], cfg, 256);
    expect(prog.length / 8).toBe(10 + 4 + 2);
    expect(prog.readUInt16LE(prog.length - 16)).toBe(0x06);
    expect(prog.readUInt32LE(prog.length - 12)).toBe(0);
    expect(prog.readUInt32LE(prog.length - 4)).toBe(256);
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
