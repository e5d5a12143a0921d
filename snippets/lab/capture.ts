// The TCP segments that cross loopback during a run, seen by a packet socket on the loopback
// interface (root only). A classic BPF filter in the kernel keeps only the segments to or from the
// run's listening ports, and only the sender's copy: on loopback every packet passes the packet
// socket twice, once going out and once coming back in.
import { statSync } from 'node:fs';
import * as libc from './libc.ts';
import { currentPlatform, lacks, type PacketCapture } from './platform.ts';
import { recorder } from './recorder.ts';
import { flagNames, parseTcp, TCP_FLAGS, tcpPortFilter, type Segment, type TcpHeader } from './segments.ts';

const platform = currentPlatform();
/** The network namespace this process started in, before any thread entered another (where the lab can capture). */
const homeNamespace = platform.capture ? statSync('/proc/self/ns/net').ino : undefined;

/** Why segments cannot be captured here, or undefined when they can. */
export function captureUnavailable(): string | undefined {
  if (process.env.CLOSING_TIME_CAPTURE === '0') return 'capture was turned off (CLOSING_TIME_CAPTURE=0)';
  if (!platform.capture) return lacks('packetCapture') ?? `the lab cannot capture packets on ${platform.name} yet`;
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
  /** The packet socket. */
  readonly fd: number;
  private readonly cfg: PacketCapture;
  /** Kept open across runs: close() only stops capturing, until the next run's first `watch()`. */
  private readonly kept: boolean;
  /** The network namespace the capture sees: the one its creating thread was in. */
  readonly namespace: number;

  private constructor(fd: number, cfg: PacketCapture, kept: boolean) {
    this.fd = fd;
    this.cfg = cfg;
    this.kept = kept;
    this.namespace = namespaceOfThread();
  }

  /**
   * Opens a capture on the loopback interface of the calling thread's network namespace; it sees
   * nothing until `watch()`. A `kept` one survives close() for the next run (see captureRunPort).
   */
  static open(kept = false): Capture {
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
      const capture = new Capture(fd, cfg, kept);
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

  /**
   * Forgets the ports and connections watched so far and discards what was queued. The kernel's
   * filter stays as it was until the next `watch()`: attaching one costs more than a whole run
   * (it is compiled and the old one freed), and what the old filter still lets in matches no port
   * watched now, so drain() skips it.
   */
  reset(): this {
    this.ports.clear();
    this.drain();
    this.directions.clear();
    return this;
  }

  /**
   * Stops capturing (a kept capture is only reset, for the next run) and says how many segments
   * the kernel dropped since the last close because the socket's buffer was full.
   */
  close(): number {
    const { level, option, dropsOffset } = this.cfg.statistics;
    const stats = libc.getsockopt(this.fd, level, option, 8); // reset by reading
    if (this.kept) this.reset();
    else libc.close(this.fd);
    return stats.ret === -1 ? 0 : stats.value.readUInt32LE(dropsOffset);
  }
}

/**
 * Captures, for the rest of the run, the segments from and to a listening port the run made;
 * the first call opens the run's capture in the calling thread's network namespace. Does
 * nothing where capture is unavailable (the observer records why).
 */
export function captureRunPort(port: number): void {
  if (captureUnavailable()) return;
  const run = recorder();
  let tap = run.wireTap;
  if (!(tap instanceof Capture)) {
    // Closing a packet socket waits for the kernel's RCU grace period (synchronize_net() in
    // packet_release(), net/packet/af_packet.c): a millisecond or more, longer than a run. So the
    // process keeps one for its own namespace; a scenario's private namespace gets its own.
    const home = namespaceOfThread() === homeNamespace;
    tap = home ? (kept ??= Capture.open(true)).reset() : Capture.open();
    run.tapWire(tap);
  }
  (tap as Capture).watch(port);
}

/** The capture this process keeps open across runs, once one was needed. */
let kept: Capture | undefined;

/** Descriptors the capture keeps open across runs on purpose; leak checks leave them out. */
export function keptCaptureDescriptors(): ReadonlySet<number> {
  return new Set(kept ? [kept.fd] : []);
}
